using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>Builds one sequence's llama.cpp sampler chain (top-k → top-p → min-p → temperature → seeded draw).</summary>
internal static class LlamaSampler
{
    /// <summary>A chain whose draws depend only on <paramref name="options"/> (its own seeded RNG), so the same seed gives the same tokens.</summary>
    public static SafeLLamaSamplerChainHandle Create(SamplingOptions options)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        if (options.Temperature <= 0)
        {
            chain.AddGreedySampler();
            return chain;
        }
        if (options.TopK > 0)
        {
            chain.AddTopK(options.TopK);
        }
        if (options.TopP is > 0 and < 1)
        {
            chain.AddTopP((float)options.TopP, 1);
        }
        if (options.MinP is > 0 and < 1)
        {
            chain.AddMinP((float)options.MinP, 1);
        }
        chain.AddTemperature((float)options.Temperature);
        chain.AddDistributionSampler(NativeSeed(options.Seed));
        return chain;
    }

    /// <summary>
    /// Folds a 64-bit seed into llama.cpp's 32-bit one (SplitMix64 finaliser, then xor of halves);
    /// 0xFFFFFFFF means "random seed" to llama.cpp, so it is never returned.
    /// </summary>
    public static uint NativeSeed(ulong seed)
    {
        var z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        var folded = (uint)(z ^ (z >> 32));
        return folded == uint.MaxValue ? 0x7FFFFFFFu : folded;
    }
}
