using DuckDB.NET.Data;

namespace Kinship.Lineage.Web.Tests;

/// <summary>Independent SQL over a catalog file, opened read-only (beside a running server): what the API answers is pinned against it.</summary>
internal static class CatalogSql
{
    /// <summary>The rows of <paramref name="sql"/>, cells joined by '|' (null as "null").</summary>
    public static List<string> Rows(string catalogPath, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={catalogPath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
