using Kinship.Leap.Backends;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;

namespace Kinship.Leap.Engine;

/// <summary>Settings of one LeaP run; defaults are the LeaP paper's (N=4, T=4096, M=4, S=256, Top-4 dispersed, 0.6/0.95/40, min-p 0.05).</summary>
public sealed record LeapOptions
{
    /// <summary>Parallel reasoning paths N.</summary>
    public int Paths { get; init; } = 4;
    /// <summary>Communication interval T: tokens per segment (an upper bound in LeaP-T mode).</summary>
    public int Interval { get; init; } = 4096;
    /// <summary>Budget M: segments per path; rounds of peer comments happen between them (M − 1).</summary>
    public int Budget { get; init; } = 4;
    /// <summary>Summary cap S: tokens per summary, and per forced answer.</summary>
    public int SummaryTokens { get; init; } = 256;
    /// <summary>Peers per path k (ignored by the <c>all</c> router).</summary>
    public int PeerCount { get; init; } = 4;
    /// <summary>Routing rule.</summary>
    public RouterKind Router { get; init; } = RouterKind.Dispersed;
    /// <summary>Summary similarity used by the routers.</summary>
    public SimilarityMeasure Similarity { get; init; } = SimilarityMeasure.Levenshtein;
    /// <summary>Sampling temperature.</summary>
    public double Temperature { get; init; } = 0.6;
    /// <summary>Nucleus (top-p) sampling mass.</summary>
    public double TopP { get; init; } = 0.95;
    /// <summary>Top-k sampling cut-off.</summary>
    public int SampleTopK { get; init; } = 40;
    /// <summary>Min-p sampling cut-off (from the released code).</summary>
    public double MinP { get; init; } = 0.05;
    /// <summary>Run seed: fixes sampling, trigger and opening choices and the random router.</summary>
    public ulong Seed { get; init; }
    /// <summary>Drop the dangling last paragraph of a segment before summarizing.</summary>
    public bool DropLastParagraph { get; init; } = true;
    /// <summary>LeaP-T mode: a path writing <c>&lt;summarize&gt;</c> ends its segment and summarizes at once; plain instruction, no example.</summary>
    public bool SelfTrigger { get; init; }
    /// <summary>Chat template.</summary>
    public ChatTemplateKind Template { get; init; } = ChatTemplateKind.Backend;

    /// <summary>Rounds of summaries and peer comments (M − 1).</summary>
    public int Rounds => Budget - 1;

    /// <summary>Every impossible setting, each as one clear sentence naming the option; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Paths < 1)
        {
            errors.Add($"--paths must be at least 1 (got {Paths})");
        }
        if (Interval < 1)
        {
            errors.Add($"--interval must be at least 1 token (got {Interval})");
        }
        if (Budget < 1)
        {
            errors.Add($"--budget must be at least 1 segment (got {Budget})");
        }
        if (SummaryTokens < 1)
        {
            errors.Add($"--summary-tokens must be at least 1 (got {SummaryTokens})");
        }
        if (PeerCount < 1)
        {
            errors.Add($"--peers must be at least 1 (got {PeerCount})");
        }
        if (!(Temperature >= 0) || double.IsInfinity(Temperature))
        {
            errors.Add($"--temp must be a finite number ≥ 0 (got {Temperature})");
        }
        if (!(TopP > 0 && TopP <= 1))
        {
            errors.Add($"--top-p must be in (0, 1] (got {TopP})");
        }
        if (SampleTopK < 0)
        {
            errors.Add($"--top-k must be ≥ 0, 0 meaning no cut-off (got {SampleTopK})");
        }
        if (!(MinP >= 0 && MinP < 1))
        {
            errors.Add($"--min-p must be in [0, 1) (got {MinP})");
        }
        return errors;
    }

    /// <summary>Throws <see cref="LeapConfigurationException"/> listing every impossible setting.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new LeapConfigurationException(string.Join("; ", errors));
        }
    }

    /// <summary>Sampling settings of path <paramref name="path"/>, with a seed derived from the run seed and the path index.</summary>
    public SamplingOptions SamplingFor(int path) => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        TopK = SampleTopK,
        MinP = MinP,
        Seed = Seeds.Mix(Seed, (ulong)path, SeedPurpose.Sampling),
    };

    /// <summary>Peers one path receives per round at most, given the router and the number of paths.</summary>
    public int PeersPerRound => Router == RouterKind.All ? Paths - 1 : Math.Min(PeerCount, Paths - 1);
}
