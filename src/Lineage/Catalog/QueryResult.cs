namespace Kinship.Lineage.Catalog;

/// <summary>The rows of a catalog query: column names and one value array per row (DuckDB's .NET values; lists are lists).</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
