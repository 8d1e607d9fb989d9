namespace Kinship.Lineage.Similarity;

/// <summary>Progress of a long analysis step: what it is doing, units done, and the total when known.</summary>
public readonly record struct SimilarityProgress(string Stage, long Done, long? Total);
