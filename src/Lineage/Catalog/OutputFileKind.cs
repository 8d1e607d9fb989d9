namespace Kinship.Lineage.Catalog;

/// <summary>What an output file holds, as recognised from its first bytes.</summary>
public enum OutputFileKind
{
    /// <summary>Text (a rejects report, JSON Lines).</summary>
    Text,

    /// <summary>A DuckDB database (<c>DUCK</c> at byte 8).</summary>
    DuckDb,

    /// <summary>A Parquet file (<c>PAR1</c> at byte 0).</summary>
    Parquet,

    /// <summary>JSON Lines of listing items (a simulated Hub, a crawl snapshot): text whose first record starts with <c>{</c>; as an existing file, <see cref="OutputPaths.KindOf"/> calls it <see cref="Text"/>.</summary>
    JsonLines,
}
