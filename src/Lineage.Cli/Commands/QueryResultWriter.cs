using System.Globalization;
using System.Text;
using System.Text.Json;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Cli.Terminal;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Renders a <see cref="QueryResult"/> in one of the <see cref="SqlFormat"/> modes as plain text (no markup, safe to pipe).</summary>
public static class QueryResultWriter
{
    /// <summary>How a SQL NULL reads in the table, Markdown and line modes.</summary>
    public const string Null = "NULL";

    /// <summary>The narrowest a table column is cut to before columns are left out.</summary>
    public const int MinimumColumnWidth = 8;

    private const char Ellipsis = '…';

    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/>; <paramref name="width"/> is the terminal width the table mode fits.</summary>
    public static void Write(QueryResult result, SqlFormat format, TextWriter output, int width)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case SqlFormat.Table:
                WriteTable(result, output, width);
                break;
            case SqlFormat.Csv:
                WriteCsv(result, output);
                break;
            case SqlFormat.Json:
                output.WriteLine(JsonArray(result));
                break;
            case SqlFormat.Jsonl:
                using (var rows = JsonDocument.Parse(JsonArray(result)))
                {
                    foreach (var row in rows.RootElement.EnumerateArray())
                    {
                        output.WriteLine(row.GetRawText());
                    }
                }
                break;
            case SqlFormat.Markdown:
                WriteMarkdown(result, output);
                break;
            case SqlFormat.Line:
                WriteLines(result, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format");
        }
    }

    /// <summary>A value on one line: <see cref="CatalogQuery.Text"/> with NULL spelled out and line breaks escaped.</summary>
    public static string Cell(object? value)
    {
        if (value is null or DBNull)
        {
            return Null;
        }
        var text = CatalogQuery.Text(value).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", " ", StringComparison.Ordinal);
        // no other control character (an escape sequence in a model card) reaches the terminal
        return TerminalText.Escape(text);
    }

    private static string JsonArray(QueryResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            CatalogQuery.WriteJson(result, json);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The duckdb box: columns keep their natural width while the table fits; otherwise the widest are cut, then middle columns give way to a … column.</summary>
    private static void WriteTable(QueryResult result, TextWriter output, int width)
    {
        var columns = result.Columns.Count;
        var cells = result.Rows.Select(row => row.Select(Cell).ToArray()).ToList();
        var natural = Enumerable.Range(0, columns)
            .Select(c => Math.Max(result.Columns[c].Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length)))
            .ToArray();
        var shown = Enumerable.Range(0, columns).ToList();
        var hidden = false;
        int Total(IEnumerable<int> widths, int count) => widths.Sum() + (3 * count) + 1;
        // leave out middle columns until the narrowest form of the rest fits
        while (shown.Count > 1 && Total(shown.Select(c => Math.Min(natural[c], MinimumColumnWidth)).Append(hidden ? 1 : 0), shown.Count + (hidden ? 1 : 0)) > width)
        {
            shown.RemoveAt(shown.Count / 2);
            hidden = true;
        }
        var widths = shown.Select(c => natural[c]).ToArray();
        var count = shown.Count + (hidden ? 1 : 0);
        // cut the widest column one character at a time until the table fits
        while (Total(widths, count) + (hidden ? 1 : 0) > width)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= MinimumColumnWidth)
            {
                break;
            }
            widths[widest]--;
        }
        var gap = shown.Count / 2; // where the … column stands
        IEnumerable<string> Layout(Func<int, string> cell, string ellipsisCell) =>
            hidden ? shown.Select((c, i) => cell(i)).Take(gap).Append(ellipsisCell).Concat(shown.Select((c, i) => cell(i)).Skip(gap)) : shown.Select((c, i) => cell(i));
        string Rule(char left, char middle, char right) =>
            left + string.Join(middle, Layout(i => new string('─', widths[i] + 2), "───")) + right;
        string Row(Func<int, string> text) =>
            "│" + string.Join("│", Layout(i => " " + Fit(text(i), widths[i]) + " ", " " + Ellipsis + " ")) + "│";

        output.WriteLine(Rule('┌', '┬', '┐'));
        output.WriteLine(Row(i => result.Columns[shown[i]]));
        output.WriteLine(Rule('├', '┼', '┤'));
        foreach (var row in cells)
        {
            output.WriteLine(Row(i => row[shown[i]]));
        }
        output.WriteLine(Rule('└', '┴', '┘'));
        var footer = string.Create(CultureInfo.InvariantCulture, $"{result.Rows.Count:N0} row(s)");
        if (hidden)
        {
            footer += string.Create(CultureInfo.InvariantCulture, $", {columns:N0} columns ({shown.Count:N0} shown; use --format line or csv for all)");
        }
        output.WriteLine(footer);
    }

    private static string Fit(string text, int width) =>
        text.Length <= width ? text.PadRight(width) : string.Concat(text.AsSpan(0, width - 1), Ellipsis.ToString());

    private static void WriteCsv(QueryResult result, TextWriter output)
    {
        output.WriteLine(string.Join(',', result.Columns.Select(Quote)));
        foreach (var row in result.Rows)
        {
            output.WriteLine(string.Join(',', row.Select(v => v is null or DBNull ? "" : Quote(CatalogQuery.Text(v)))));
        }

        static string Quote(string field) =>
            field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void WriteMarkdown(QueryResult result, TextWriter output)
    {
        static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
        output.WriteLine("| " + string.Join(" | ", result.Columns.Select(Escape)) + " |");
        output.WriteLine("|" + string.Concat(result.Columns.Select(_ => "---|")));
        foreach (var row in result.Rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select(v => Escape(Cell(v)))) + " |");
        }
    }

    private static void WriteLines(QueryResult result, TextWriter output)
    {
        var pad = result.Columns.Count == 0 ? 0 : result.Columns.Max(c => c.Length);
        for (var r = 0; r < result.Rows.Count; r++)
        {
            if (r > 0)
            {
                output.WriteLine();
            }
            for (var c = 0; c < result.Columns.Count; c++)
            {
                output.WriteLine(result.Columns[c].PadLeft(pad) + " = " + Cell(result.Rows[r][c]));
            }
        }
    }
}
