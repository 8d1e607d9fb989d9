namespace Kinship.Leap.Backends.Llama;

/// <summary>How to load a GGUF model into the in-process llama.cpp backend and how much context to reserve.</summary>
public sealed record LlamaBackendOptions
{
    /// <summary>The GGUF model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Maximum tokens one sequence may hold: prompt plus everything appended and generated.</summary>
    public int ContextTokens { get; init; } = 4096;

    /// <summary>Maximum live sequences (the prompt's sequence counts: N paths need N + 1).</summary>
    public int MaxSequences { get; init; } = 5;

    /// <summary>
    /// KV cells shared by all sequences (llama.cpp's unified cache). Null reserves the worst case,
    /// <see cref="ContextTokens"/> × <see cref="MaxSequences"/>; forks share their prompt's cells, so
    /// prompt + N × (ContextTokens − prompt) is enough for N paths forked from one prompt.
    /// </summary>
    public int? KvCacheTokens { get; init; }

    /// <summary>CPU threads for decoding and prefill; by default llama.cpp's own choice, one per physical core.</summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary>The thread count llama.cpp would pick on this machine (its <c>cpu_get_num_math</c>: physical cores).</summary>
    public static int DefaultThreads { get; } = CpuTopology.PhysicalCores();

    /// <summary>Collect <see cref="LlamaTimings"/> per phase; on by default when the environment sets <c>KINSHIP_TIMINGS=1</c>.</summary>
    public bool CollectTimings { get; init; } = TimingsRequested;

    /// <summary>True when the environment variable <c>KINSHIP_TIMINGS</c> is <c>1</c>: the backend then prints its breakdown to stderr when disposed.</summary>
    public static bool TimingsRequested => Environment.GetEnvironmentVariable("KINSHIP_TIMINGS") == "1";

    /// <summary>Most tokens handed to llama.cpp in one decode call (longer prefills are split).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>
    /// llama.cpp flash attention: null lets llama.cpp decide. With a unified cache every token's attention spans the
    /// cells of all sequences; the CPU flash-attention kernel skips the masked ones.
    /// </summary>
    public bool? FlashAttention { get; init; }

    /// <summary>The KV cells to reserve, after applying the default.</summary>
    public int EffectiveKvCacheTokens => KvCacheTokens ?? checked(ContextTokens * MaxSequences);

    /// <summary>Throws one clear <see cref="ArgumentException"/> for an impossible setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException("a model file is required", nameof(ModelPath));
        }
        if (ContextTokens < 16)
        {
            throw new ArgumentException($"context tokens per sequence must be at least 16 (got {ContextTokens})", nameof(ContextTokens));
        }
        if (MaxSequences is < 1 or > 256)
        {
            throw new ArgumentException($"max sequences must be between 1 and 256, llama.cpp's limit (got {MaxSequences})", nameof(MaxSequences));
        }
        if (KvCacheTokens is { } kv && kv < ContextTokens)
        {
            throw new ArgumentException($"the KV cache ({kv} tokens) must hold at least one full sequence ({ContextTokens} tokens)", nameof(KvCacheTokens));
        }
        if (Threads < 1)
        {
            throw new ArgumentException($"threads must be at least 1 (got {Threads})", nameof(Threads));
        }
        if (BatchSize < 32)
        {
            throw new ArgumentException($"batch size must be at least 32 (got {BatchSize})", nameof(BatchSize));
        }
    }
}
