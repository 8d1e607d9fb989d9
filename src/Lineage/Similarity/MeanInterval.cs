namespace Kinship.Lineage.Similarity;

/// <summary>A sample mean with its 95% percentile-bootstrap confidence interval.</summary>
public readonly record struct MeanInterval(double Mean, double Low, double High);
