namespace Kinship.Lineage.Catalog;

/// <summary>Progress of an import: the source being read and the records read from it so far.</summary>
/// <param name="Source">The source file.</param>
/// <param name="SourceIndex">0-based index of the source.</param>
/// <param name="SourceCount">Number of sources.</param>
/// <param name="Records">Records read from this source so far.</param>
/// <param name="Stage">What is happening: <c>reading</c>, <c>merging</c> or <c>done</c>.</param>
public sealed record ImportProgress(string Source, int SourceIndex, int SourceCount, long Records, string Stage);
