using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using System.Diagnostics;
using System.Globalization;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Cli.Genealogy;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;
using Kinship.Lineage.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage demo</c>: simulate a Hub, import it into a fresh catalog, print its statistics and write the analysis report.</summary>
public sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = Path.GetFullPath(settings.Out);
        var snapshotPath = Path.Combine(folder, "hub.jsonl");
        var catalogPath = Path.Combine(folder, CatalogSchema.DefaultFileName);
        var reportFolder = Path.Combine(folder, "report");
        var clock = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in new[] { snapshotPath, catalogPath, catalogPath + ".wal" })
            {
                File.Delete(stale);
            }

            Step($"simulating {settings.Models:N0} models (seed {settings.Seed}{(settings.NullModel ? ", null model" : "")}) -> {snapshotPath}");
            var simulation = await Task.Run(() => EcosystemSimulator.WriteFile(
                new SimulationOptions { Models = settings.Models, Seed = settings.Seed, Cards = true, NullModel = settings.NullModel },
                snapshotPath, null, cancellationToken), cancellationToken).ConfigureAwait(false);
            Step(string.Create(CultureInfo.InvariantCulture, $"wrote {simulation.Models:N0} models, {simulation.Bytes / 1048576.0:0.0} MiB"));

            Step($"importing into {catalogPath}");
            var rejected = 0L;
            var imported = await Task.Run(() => new CatalogImporter(catalogPath).Import(
                [new ImportSource(snapshotPath)], _ => Interlocked.Increment(ref rejected), null, cancellationToken), cancellationToken).ConfigureAwait(false);
            Step($"imported {imported.Sum(r => r.Imported):N0} models ({rejected:N0} rejected)");

            var load = await Task.Run(() => GenealogyLoader.Load(catalogPath, cancellationToken), cancellationToken).ConfigureAwait(false);
            var statistics = GenealogyStatisticsCalculator.Compute(load.Snapshot.WithVariant(GraphVariant.All), cancellationToken);
            StatisticsView.Render(console, $"{catalogPath} (all)", statistics);

            if (!settings.NoReport)
            {
                var progress = new ConsoleProgress(console);
                using var catalog = await Task.Run(() => CatalogSnapshot.Open(catalogPath, cancellationToken), cancellationToken).ConfigureAwait(false);
                var options = new AnalyzeOptions
                {
                    Similarity = new SimilarityOptions { Samples = settings.Samples, Seed = settings.Seed },
                    Inputs = new Dictionary<string, string> { ["catalog"] = catalogPath, ["simulation"] = $"{ReportFormat.Count(settings.Models)} models, cards, seed {settings.Seed}{(settings.NullModel ? ", null model" : "")}" },
                };
                var model = await Task.Run(() => LineageAnalysis.Run(catalog.Genealogy, catalog.Traits, catalog, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
                var files = await ReportWriter.WriteAsync(model, reportFolder, cancellationToken).ConfigureAwait(false);
                progress.Complete();
                foreach (var finding in DemoFindings.From(model))
                {
                    Step("finding: " + finding);
                }
                Step($"report: {files.Html} ({files.Markdown}, {files.Json}, {files.Charts.Count} chart files)");
            }
            Step(string.Create(CultureInfo.InvariantCulture, $"demo finished in {clock.Elapsed.TotalSeconds:0.0} s; explore it with `lineage stats --catalog {catalogPath}` or `lineage sql --catalog {catalogPath} \"SELECT ...\"`"));
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]demo cancelled[/]");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CatalogReadException)
        {
            throw new CliFailureException(TerminalText.Escape(e.Message), e);
        }
    }

    private void Step(string text) => console.MarkupLineInterpolated($"[bold]demo:[/] {text}");
}
