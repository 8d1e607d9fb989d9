using System.Globalization;
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
    /// <summary>LeaP-T mode only: drop the model's own <c>&lt;summarize&gt;</c> and give a fresh trigger (the released code), or continue it.</summary>
    public SelfTriggerMode SelfTriggerMode { get; init; } = SelfTriggerMode.Replace;
    /// <summary>Chat template.</summary>
    public ChatTemplateKind Template { get; init; } = ChatTemplateKind.Backend;

    /// <summary>
    /// The rounds that communicate, 1-based (round r follows segment r; the released code's <c>part</c> index is r − 1); null means every
    /// round 1 … M − 1. Other segment boundaries pass without summaries or comments. <c>{1}</c> is the paper's single communication at
    /// T (Tables 3–4); with M = 1, <c>{1}</c> runs the one round after the only segment, before the forced answer, as the released code does.
    /// </summary>
    public IReadOnlySet<int>? CommunicationRounds { get; init; }

    /// <summary>Rounds of summaries and peer comments that happen at most: M − 1, or the chosen rounds.</summary>
    public int Rounds => CommunicationRounds?.Count ?? Budget - 1;

    /// <summary>True when round <paramref name="round"/> (1-based: after segment <paramref name="round"/>) communicates.</summary>
    public bool Communicates(int round) => CommunicationRounds is { } chosen ? chosen.Contains(round) : round >= 1 && round <= Budget - 1;

    /// <summary>
    /// Parses a <c>--rounds</c> value: comma-separated 1-based round numbers (<c>1,3</c>), <c>all</c> (null: every round) or
    /// <c>none</c> (no communication at all). Throws <see cref="FormatException"/> naming the bad item.
    /// </summary>
    public static IReadOnlySet<int>? ParseRounds(string text) =>
        TryParseRounds(text, out var rounds, out var error) ? rounds : throw new FormatException(error);

    /// <summary>The rounds a <c>--rounds</c> value names; null (every round) when it is absent or invalid (validation reports the latter).</summary>
    public static IReadOnlySet<int>? ChosenRounds(string? text) => text is not null && TryParseRounds(text, out var rounds, out _) ? rounds : null;

    /// <summary>Parses a <c>--rounds</c> value like <see cref="ParseRounds"/>; on failure returns false with one sentence naming the bad item.</summary>
    public static bool TryParseRounds(string text, out IReadOnlySet<int>? rounds, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        rounds = null;
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var chosen = new SortedSet<int>();
        if (!trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var item in trimmed.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var round) || round < 1)
                {
                    error = $"--rounds: '{item}' is not a round number ≥ 1; give e.g. 1,3 or all or none";
                    return false;
                }
                if (!chosen.Add(round))
                {
                    error = $"--rounds: round {round} is listed twice";
                    return false;
                }
            }
        }
        rounds = chosen;
        return true;
    }

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
        if (CommunicationRounds is { } chosen && Budget >= 1)
        {
            var last = Math.Max(1, Budget - 1);
            foreach (var round in chosen.Where(r => r < 1 || r > last).Order())
            {
                errors.Add(Budget == 1
                    ? $"--rounds {round}: a one-segment run has one round at most, round 1 (after the segment, before the forced answer)"
                    : $"--rounds {round}: {Budget} segments have rounds 1 to {last} (a round follows each segment but the last)");
            }
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
