namespace Kinship.Lineage.Catalog;

/// <summary>The DuckDB column types <see cref="ChunkAppender"/> writes.</summary>
internal enum ChunkColumn
{
    Varchar,
    BigInt,
    Double,
    Boolean,
    TimestampTz,
    VarcharList,
}
