namespace Kinship.Lineage.Similarity;

/// <summary>Sampling and bootstrap settings of the similarity analysis (defaults: the study's v1 metadata settings).</summary>
public sealed record SimilarityOptions
{
    /// <summary>Instances sampled per pattern.</summary>
    public int Samples { get; init; } = 5_000;

    /// <summary>Bootstrap resamples per interval.</summary>
    public int Resamples { get; init; } = 1_000;

    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Vocabulary size of the bag-of-words and TF-IDF measures.</summary>
    public int MaxFeatures { get; init; } = 512;

    /// <summary>The DNA kinds to analyse.</summary>
    public IReadOnlyList<DnaKind> Dna { get; init; } = [DnaKind.Metadata, DnaKind.Card];

    /// <summary>How metadata records are written as DNA: Python's repr (the study's, default) or the source JSON text.</summary>
    public DnaFormat MetadataFormat { get; init; } = DnaFormat.PythonRepr;

    /// <summary>Worker threads for counting and measuring (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "samples must be at least 1");
        if (Resamples < 1) throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "resamples must be at least 1");
        if (MaxFeatures < 1) throw new ArgumentOutOfRangeException(nameof(MaxFeatures), MaxFeatures, "max features must be at least 1");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must not be negative");
    }
}
