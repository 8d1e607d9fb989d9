using System.Text.Json;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// Checks user SQL with DuckDB's own parser before anything is bound or run: exactly one statement, and that statement
/// a query (<c>SELECT</c>, <c>FROM</c>, <c>WITH</c>, <c>SHOW</c>, <c>DESCRIBE</c>, <c>SUMMARIZE</c>). Every statement that
/// can write a file or a database (<c>COPY</c>, <c>EXPORT</c>, <c>ATTACH</c>, <c>SET</c>, <c>CREATE</c>, <c>INSTALL</c>,
/// <c>PRAGMA</c>, …) is another kind. Parsing only matters: binding <c>EXPORT DATABASE</c> already creates its folder.
/// </summary>
internal static class QueryStatement
{
    /// <summary>Throws <see cref="QueryRejectedException"/> unless <paramref name="sql"/> parses as exactly one query.</summary>
    public static void CheckSingleQuery(DuckDBConnection connection, string sql)
    {
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var statements);
        using (statements)
        {
            if (count == 0)
            {
                var error = NativeMethods.ExtractStatements.DuckDBExtractStatementsError(statements);
                throw new QueryRejectedException(string.IsNullOrEmpty(error) ? "no SQL statement given" : error);
            }
            if (count > 1)
            {
                throw new QueryRejectedException($"lineage sql runs exactly one statement; this SQL has {count} (run them one at a time)");
            }
        }
        // json_serialize_sql parses (never binds) and serializes SELECT statements only
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_serialize_sql($1::VARCHAR)";
        command.Parameters.Add(new DuckDBParameter(sql));
        using var parsed = JsonDocument.Parse((string)command.ExecuteScalar()!);
        if (parsed.RootElement.TryGetProperty("error", out var failed) && failed.ValueKind == JsonValueKind.True)
        {
            throw new QueryRejectedException(
                $"lineage sql is read-only and runs queries only (SELECT, FROM, WITH, SHOW, DESCRIBE, SUMMARIZE); this is a {FirstKeyword(sql)} statement");
        }
    }

    /// <summary>The statement's first keyword, upper-case, after any leading comments and parentheses.</summary>
    internal static string FirstKeyword(string sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--"))
            {
                var end = text.IndexOf('\n');
                text = end < 0 ? [] : text[(end + 1)..];
            }
            else if (text.StartsWith("/*"))
            {
                var end = text.IndexOf("*/");
                text = end < 0 ? [] : text[(end + 2)..];
            }
            else if (text.StartsWith("("))
            {
                text = text[1..];
            }
            else
            {
                break;
            }
        }
        var length = 0;
        while (length < text.Length && char.IsAsciiLetter(text[length]))
        {
            length++;
        }
        return length == 0 ? "non-query" : text[..length].ToString().ToUpperInvariant();
    }
}
