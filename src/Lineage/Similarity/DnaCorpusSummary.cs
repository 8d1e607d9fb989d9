namespace Kinship.Lineage.Similarity;

/// <summary>Facts about one DNA corpus: documents fitted on (models with that DNA), distinct terms seen, and the vocabulary's most frequent terms.</summary>
public sealed record DnaCorpusSummary(string Dna, long Documents, long DistinctTerms, int Features, IReadOnlyList<string> TopTerms);
