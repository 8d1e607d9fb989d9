namespace Kinship.Lineage.Catalog;

/// <summary>Progress of an import: the source being read and the records read from it so far.</summary>
/// <param name="Source">The source file.</param>
/// <param name="SourceIndex">0-based index of the source.</param>
/// <param name="SourceCount">Number of sources.</param>
/// <param name="Records">Records read from this source so far.</param>
/// <param name="Stage">What is happening: <c>reading</c>, <c>merging</c> (replaced versions deleted), <c>committing</c> (DuckDB writing the transaction) or <c>done</c>.</param>
/// <param name="Bytes">Bytes of the source read so far (0 when unknown).</param>
/// <param name="TotalBytes">Size of the source in bytes (0 when unknown).</param>
public sealed record ImportProgress(string Source, int SourceIndex, int SourceCount, long Records, string Stage, long Bytes = 0, long TotalBytes = 0)
{
    /// <summary>Percent of the source's bytes read (0 to 100), or null when the size is unknown.</summary>
    public double? Percent => TotalBytes > 0 ? Math.Min(100.0, 100.0 * Bytes / TotalBytes) : null;
}
