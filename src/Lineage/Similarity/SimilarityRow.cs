namespace Kinship.Lineage.Similarity;

/// <summary>
/// Mean similarity of one pair class under one measure and DNA, with its 95% bootstrap interval; <see cref="N"/> valid
/// instances, <see cref="Skipped"/> instances dropped because a model lacked that DNA. Mean and interval are null when N
/// is 0. <see cref="AllInstances"/>: the pattern's every instance was measured once (exact mean), not a sample.
/// </summary>
public sealed record SimilarityRow(
    string Dna, string Measure, string Pattern, string Pair, int? GenerationsApart, int N, double? Mean, double? CiLow, double? CiHigh, int Skipped,
    bool AllInstances = false);
