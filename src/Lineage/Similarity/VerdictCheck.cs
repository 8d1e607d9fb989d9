namespace Kinship.Lineage.Similarity;

/// <summary>One of the study's expected findings checked against the rows: whether it holds here (null when the rows cannot tell) and the numbers behind it.</summary>
public sealed record VerdictCheck(string Dna, string Measure, string Claim, bool? Holds, string Evidence);
