using Kinship.Lineage.Cli.Terminal;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage sql</c>: run a read-only query against the catalog and print the rows.</summary>
public sealed class SqlCommand(IAnsiConsole console) : Command<SqlSettings>
{
    public override int Execute(CommandContext context, SqlSettings settings, CancellationToken cancellationToken)
    {
        QueryResult result;
        try
        {
            result = CatalogQuery.Run(settings.Catalog, settings.Query, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DuckDBException or QueryRejectedException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {TerminalText.Escape(e.Message)}");
            return 1;
        }
        if (settings.Json)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                CatalogQuery.WriteJson(result, json);
            }
            console.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return 0;
        }
        var table = new Table();
        foreach (var column in result.Columns)
        {
            table.AddColumn(TerminalText.Markup(column));
        }
        foreach (var row in result.Rows)
        {
            table.AddRow(row.Select(value => TerminalText.Markup(CatalogQuery.Text(value))).ToArray());
        }
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Rows.Count:N0} row(s)"));
        return 0;
    }
}
