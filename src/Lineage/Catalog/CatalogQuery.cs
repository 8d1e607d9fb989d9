using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Kinship.Lineage.Catalog;

/// <summary>Runs SQL against a catalog through a read-only connection, and renders values as JSON or text.</summary>
public static class CatalogQuery
{
    /// <summary>Runs exactly one query read-only: nothing it does can write a file or a database.</summary>
    /// <exception cref="FileNotFoundException">No catalog at the path.</exception>
    /// <exception cref="QueryRejectedException">More than one statement, or a statement that is not a query.</exception>
    /// <exception cref="DuckDBException">The SQL is invalid.</exception>
    public static QueryResult Run(string catalogPath, string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var connection = CatalogConnection.OpenForQueries(catalogPath);
        QueryStatement.CheckSingleQuery(connection, sql);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var registration = cancellationToken.Register(() => connection.NativeConnection.Interrupt());
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        // DuckDB hands TIMESTAMPTZ values over as the UTC instant in an unspecified DateTime: mark them as UTC
        var utc = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetDataTypeName(i) == "TimestampTz").ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row[i] = utc[i] && value is DateTime instant ? new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc)) : value;
            }
            rows.Add(row);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new QueryResult(columns, rows);
    }

    /// <summary>Writes the rows as a JSON array of objects keyed by column name.</summary>
    public static void WriteJson(QueryResult result, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray();
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < result.Columns.Count; i++)
            {
                json.WritePropertyName(result.Columns[i]);
                WriteValue(json, row[i]);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A value as one line of text (lists as <c>[a, b]</c>, dates ISO-8601, nulls empty).</summary>
    public static string Text(object? value) => value switch
    {
        null or DBNull => "",
        string text => text,
        DateTime date => date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset date => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(key => $"{key}: {Text(map[key])}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong unsigned:
                json.WriteNumberValue(unsigned);
                break;
            case float or double:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real)) { json.WriteNumberValue(real); } else { json.WriteStringValue(real.ToString(CultureInfo.InvariantCulture)); }
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case BigInteger big:
                json.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime or DateTimeOffset:
                json.WriteStringValue(Text(value));
                break;
            case IDictionary map:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(json, entry.Value);
                }
                json.WriteEndObject();
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }
}
