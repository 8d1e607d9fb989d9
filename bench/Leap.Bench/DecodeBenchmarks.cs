using System.Diagnostics;
using System.Text;
using Kinship.Leap.Backends;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Native;

namespace Kinship.Leap.Bench;

/// <summary>Aggregate decode throughput of N sequences: the raw LLamaSharp loop, our backend's batched loop, and the LeaP engine during segments.</summary>
internal static class DecodeBenchmarks
{
    public const string Prompt = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.";

    public sealed record Figures(string Loop, int Sequences, int TokensPerSequence, long Decoded, double Seconds, double CpuSeconds = 0, double PrefillSeconds = 0)
    {
        public double TokensPerSecond => Decoded / Seconds;

        /// <summary>Tokens per second counting the prompt's prefill and its copy to every sequence too (what a server's client waits for).</summary>
        public double TokensPerSecondWithPrefill => Decoded / (Seconds + PrefillSeconds);

        /// <summary>Process CPU time per decoded token: far less sensitive than wall time to other processes on a loaded machine.</summary>
        public double CpuMicrosecondsPerToken => CpuSeconds * 1e6 / Decoded;
    }

    /// <summary>CPU time of this whole process so far (every thread: the decode thread, llama.cpp's workers, the runtime's).</summary>
    public static double ProcessCpuSeconds()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>LLamaSharp's BatchedExecutor driven directly: fork N conversations, then sample N tokens and Infer once per step.</summary>
    public static async Task<Figures> RawLoopAsync(string model, int sequences, int tokens, int threads)
    {
        var parameters = new ModelParams(model)
        {
            ContextSize = (uint)((tokens + 64) * (sequences + 1)), SeqMax = (uint)(sequences + 1), KVUnified = true,
            Threads = threads, BatchThreads = threads, GpuLayerCount = 0,
        };
        using var weights = await LLamaWeights.LoadFromFileAsync(parameters);
        using var executor = new BatchedExecutor(weights, parameters);
        using var root = executor.Create();
        root.Prompt(weights.NativeHandle.Tokenize(Prompt, true, true, Encoding.UTF8));
        await executor.Infer();
        var forks = Enumerable.Range(0, sequences).Select(_ => root.Fork()).ToArray();
        var samplers = Enumerable.Range(0, sequences).Select(i =>
        {
            var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
            chain.AddTopK(40);
            chain.AddTopP(0.95f, 1);
            chain.AddMinP(0.05f, 1);
            chain.AddTemperature(0.6f);
            chain.AddDistributionSampler((uint)(i + 1));
            return chain;
        }).ToArray();
        var clock = Stopwatch.StartNew();
        long decoded = 0;
        for (var step = 0; step < tokens; step++)
        {
            for (var i = 0; i < sequences; i++)
            {
                var token = forks[i].Sample(samplers[i]);
                forks[i].Prompt(token);
                decoded++;
            }
            await executor.Infer();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var fork in forks)
        {
            fork.Dispose();
        }
        foreach (var sampler in samplers)
        {
            sampler.Dispose();
        }
        return new Figures("llamasharp-raw", sequences, tokens, decoded, seconds);
    }

    /// <summary>Our backend: one prompt forked into N sequences, one GenerateAsync of N requests × tokens (no stops, no rounds).</summary>
    public static async Task<Figures> BackendLoopAsync(string model, int sequences, int tokens, int threads, string prompt = Prompt, int? contextTokens = null, bool? flashAttention = null)
    {
        await using var backend = await LlamaBackend.LoadAsync(new LlamaBackendOptions
        {
            ModelPath = model, ContextTokens = contextTokens ?? tokens + 64, MaxSequences = sequences + 1, Threads = threads, FlashAttention = flashAttention,
        });
        using var root = await backend.StartAsync(prompt, new SamplingOptions(), CancellationToken.None);
        var paths = Enumerable.Range(0, sequences).Select(i => root.Fork(new SamplingOptions { Seed = (ulong)i + 1 })).ToArray();
        var cpu = ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        var results = await backend.GenerateAsync(paths.Select(p => new GenerationRequest(p, tokens, [])).ToArray(), null, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        cpu = ProcessCpuSeconds() - cpu;
        foreach (var path in paths)
        {
            path.Dispose();
        }
        return new Figures("backend-batched", sequences, tokens, results.Sum(r => (long)r.TokensDecoded), seconds, cpu);
    }

    /// <summary>The LeaP engine with N paths, T = tokens, M = 2 (one round): throughput of its segment calls only.</summary>
    public static int EngineContext(string model) => (int)Math.Min(GgufMetadata.Read(model).TrainedContextLength ?? 2048, 4096);

    public static async Task<(Figures FirstSegment, Figures Segments, Figures Whole, Figures Plain, int Rounds)> EngineAsync(string model, int paths, int interval, int summaryTokens, int threads, bool? flashAttention = null)
    {
        await using var llama = await LlamaBackend.LoadAsync(new LlamaBackendOptions
        {
            ModelPath = model, ContextTokens = EngineContext(model), MaxSequences = paths + 1, Threads = threads, FlashAttention = flashAttention,
        });
        var timing = new TimingBackend(llama);
        var engine = new LeapEngine(timing);
        var options = new LeapOptions
        {
            Paths = paths, Interval = interval, Budget = 2, SummaryTokens = summaryTokens, PeerCount = 4, Template = ChatTemplateKind.Raw, Seed = 1,
        };
        var problem = Problem.Math("Tom has 3 apples and buys 4 more. How many apples does he have?");
        var prompt = engine.Prompt(problem, options);
        var clock = Stopwatch.StartNew();
        var result = await engine.SolveAsync(problem, options, null, CancellationToken.None);
        var whole = clock.Elapsed.TotalSeconds;
        if (Environment.GetEnvironmentVariable("LEAP_BENCH_VERBOSE") == "1")
        {
            foreach (var call in timing.Calls)
            {
                Console.WriteLine($"    call: {call.Requests} requests, max {call.MaxTokens}, decoded {call.Decoded}, prefilled {call.Prefilled}, {call.Seconds:F3}s");
            }
        }
        var segments = timing.Calls.Where(c => c.MaxTokens == interval).ToArray();
        await llama.DisposeAsync();
        // the plain loop under the same conditions: the engine's prompt, context size and KV cache
        var plain = await BackendLoopAsync(model, paths, interval, threads, prompt, EngineContext(model), flashAttention);
        return (new Figures("engine-segment-1", paths, interval, segments[0].Decoded, segments[0].Seconds),
            new Figures("engine-segments", paths, interval, segments.Sum(c => c.Decoded), segments.Sum(c => c.Seconds)),
            new Figures("engine-whole-run", paths, interval, result.TokensDecoded, whole),
            plain with { Loop = "plain-same-prompt" }, result.Rounds.Count);
    }
}
