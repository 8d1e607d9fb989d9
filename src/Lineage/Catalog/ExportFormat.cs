namespace Kinship.Lineage.Catalog;

/// <summary>File formats <c>lineage export</c> writes.</summary>
public enum ExportFormat
{
    /// <summary>One Parquet file.</summary>
    Parquet,
    /// <summary>JSON Lines, one model per line.</summary>
    Jsonl,
}
