namespace Kinship.Lineage.Simulation;

/// <summary>The size, seed and shape of a simulated Hub; the defaults reproduce the study's snapshot (Laufer et al. §1.4, §4.1, §5).</summary>
public sealed record SimulationOptions
{
    /// <summary>Number of models to create.</summary>
    public required int Models { get; init; }
    /// <summary>The seed: the same options always produce the same bytes.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Write model cards (README text with YAML front matter) into each item's <c>cardText</c>.</summary>
    public bool Cards { get; init; }
    /// <summary>
    /// Mutate at the same rates but without direction ("standard asexual reproduction"): a mutated license, language set or
    /// task is that of another model drawn the way parents are drawn (so i→j is as likely as j→i), and a child's card is its
    /// parent's card with the child's own independent point mutations (siblings diverge independently).
    /// </summary>
    public bool NullModel { get; init; }
    /// <summary>The item shape: the plain listing (default) or the expanded record with siblings, cardData and config.</summary>
    public ListingShape Shape { get; init; } = ListingShape.Listing;
    /// <summary>Share of models that declare a parent (≈29% on the Hub of mid 2025).</summary>
    public double ParentShare { get; init; } = 0.29;
    /// <summary>Share of parent→child edges per relation: adapter, finetune, quantized, merge (hub-stats, Oct 2025: 42/33/18/7).</summary>
    public (double Adapter, double Finetune, double Quantized, double Merge) EdgeShares { get; init; } = (0.42, 0.33, 0.18, 0.07);
    /// <summary>Per-edge probability that a child which keeps its parent's license changes it (study v1: 14.98%).</summary>
    public double LicenseMutation { get; init; } = 0.15;
    /// <summary>Per-edge probability that a child which keeps declaring languages changes them (study v1: 12.80%).</summary>
    public double LanguageMutation { get; init; } = 0.13;
    /// <summary>Per-edge probability that a child which keeps a task changes it (study v1: 23.14%).</summary>
    public double TaskMutation { get; init; } = 0.23;
    /// <summary>Share of parentless models that are foundation models (strong attractors of children).</summary>
    public double FoundationShare { get; init; } = 0.004;
    /// <summary>Pareto tail index of foundation attractiveness: smaller means a heavier tail of family sizes.</summary>
    public double FoundationTail { get; init; } = 1.6;
    /// <summary>Preferential attachment exponent: a model attracts children in proportion to fitness × (1 + children)^exponent (1 is linear; below 1 avoids one family swallowing the Hub).</summary>
    public double AttachmentExponent { get; init; } = 0.4;
    /// <summary>How long a foundation model keeps attracting children, as a share of the run: its pull decays as exp(−age / (lifetime × models)).</summary>
    public double FoundationLifetime { get; init; } = 0.15;
    /// <summary>Probability that a fine-tune starts a series of successive fine-tunes (version chains; rare chains reach ~40).</summary>
    public double SeriesShare { get; init; } = 0.004;

    /// <summary>The first problem with these options, or null when they are usable.</summary>
    public string? Validate()
    {
        if (Models < 1) return $"models {Models}: must be at least 1";
        if (!(ParentShare is >= 0 and < 1)) return $"parent share {ParentShare}: must be in [0, 1)";
        var (a, f, q, m) = EdgeShares;
        if (a < 0 || f < 0 || q < 0 || m < 0 || a + f + q + m <= 0) return "edge shares: must be non-negative and not all zero";
        foreach (var (name, rate) in new[] { ("license", LicenseMutation), ("language", LanguageMutation), ("task", TaskMutation) })
        {
            if (!(rate is >= 0 and <= 1)) return $"{name} mutation {rate}: must be in [0, 1]";
        }
        if (!(FoundationShare is > 0 and <= 1)) return $"foundation share {FoundationShare}: must be in (0, 1]";
        if (!(FoundationTail > 0)) return $"foundation tail {FoundationTail}: must be positive";
        if (!(AttachmentExponent is >= 0 and <= 1)) return $"attachment exponent {AttachmentExponent}: must be in [0, 1]";
        if (!(FoundationLifetime > 0)) return $"foundation lifetime {FoundationLifetime}: must be positive";
        if (!(SeriesShare is >= 0 and <= 1)) return $"series share {SeriesShare}: must be in [0, 1]";
        return null;
    }
}
