using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage export</c>: write the catalog's models with their parents to Parquet or JSON Lines.</summary>
public sealed class ExportCommand(IAnsiConsole console) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long count;
        try
        {
            count = console.Profile.Capabilities.Interactive
                ? console.Status().Start($"exporting to {TerminalText.Markup(settings.Path)}", _ => CatalogExporter.Export(settings.Catalog, settings.Format, settings.Path, cancellationToken))
                : CatalogExporter.Export(settings.Catalog, settings.Format, settings.Path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DuckDBException or IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("export cancelled; nothing was written.");
            return 130;
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: {count:N0} models from {settings.Catalog} to {settings.Path} ({settings.Format.ToString().ToLowerInvariant()}) in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
}
