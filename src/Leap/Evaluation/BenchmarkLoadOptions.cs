namespace Kinship.Leap.Evaluation;

/// <summary>How multiple-choice options are presented: shuffled per item with a fixed seed (the default) or kept in file order.</summary>
public sealed record BenchmarkLoadOptions
{
    /// <summary>Shuffle each item's options and remap its answer letter (published GPQA files put the correct option first).</summary>
    public bool ShuffleOptions { get; init; } = true;

    /// <summary>Seed of the option shuffle; each item's permutation is derived from this seed and the item's id.</summary>
    public ulong OptionSeed { get; init; } = 20250512;
}
