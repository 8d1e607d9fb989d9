using Kinship.Lineage.Cli.Terminal;
using Kinship.Cli;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage analyze</c>: runs the study's analyses over a catalog and writes the report.</summary>
public sealed class AnalyzeCommand(IAnsiConsole console) : AsyncCommand<AnalyzeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        GraphVariants.TryParse(settings.Variant, out var variant);
        GraphVariants.TryParse(settings.TraitVariant, out var traitVariant);
        var options = new AnalyzeOptions
        {
            Variant = variant,
            TraitVariant = traitVariant,
            Similarity = new SimilarityOptions
            {
                Samples = settings.Samples, Resamples = settings.Resamples, Seed = settings.Seed, MetadataFormat = settings.ParsedDnaFormat,
            },
            DriftTopN = settings.ParsedTopN(),
            Inputs = new Dictionary<string, string> { ["catalog"] = Path.GetFullPath(settings.Catalog) },
        };
        try
        {
            var progress = new ConsoleProgress(console);
            progress.Report(new SimilarityProgress("reading the catalog", 0, null));
            using var catalog = await Task.Run(() => CatalogSnapshot.Open(settings.Catalog, settings.ParsedParents, cancellationToken), cancellationToken).ConfigureAwait(false);
            options = options with { Inputs = WithParentInputs(options.Inputs, catalog.Load!, settings) };
            var model = await Task.Run(() => LineageAnalysis.Run(catalog.Genealogy, catalog.Traits, catalog, options, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            progress.Report(new SimilarityProgress("writing the report", 0, null));
            var files = await ReportWriter.WriteAsync(model, settings.Out!, cancellationToken).ConfigureAwait(false);
            progress.Complete();
            console.MarkupLineInterpolated($"Wrote [bold]{files.Html}[/], {files.Markdown}, {files.Json} and {files.Charts.Count} chart files.");
            return 0;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Cancelled; no report was written.[/]");
            return 130;
        }
        catch (Exception e) when (e is CatalogReadException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
    }

    /// <summary>The report's input lines plus the parent selection, metadata DNA format, drift top-n and the tags-vs-card edge difference.</summary>
    internal static IReadOnlyDictionary<string, string> WithParentInputs(IReadOnlyDictionary<string, string> inputs, GenealogyLoad load, AnalyzeSettings settings)
    {
        var topN = settings.ParsedTopN();
        var result = new Dictionary<string, string>(inputs)
        {
            ["parents"] = load.Parents == ParentSelection.Tags
                ? $"tags (the study's definition): {ReportFormat.Count(load.CardOnlyEdges)} edges declared only by cardData.base_model left out"
                : $"union of tags, cardData.base_model and table columns: {ReportFormat.Count(load.CardOnlyEdges)} edges declared only by cardData.base_model (--parents tags leaves them out)",
            ["metadata DNA"] = settings.ParsedDnaFormat == DnaFormat.Json ? "json (source text)" : "python-repr (the study's str() of the record)",
            ["drift top-n"] = string.Join(", ", Enum.GetValues<Traits.Trait>().Select(t => $"{t.ToString().ToLowerInvariant()}={topN(t)}")),
        };
        return result;
    }
}
