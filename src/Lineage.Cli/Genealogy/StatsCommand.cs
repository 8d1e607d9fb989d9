using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using Kinship.Lineage.Genealogy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary><c>lineage stats</c>: the family-tree statistics of a catalog.</summary>
public sealed class StatsCommand(IAnsiConsole console) : Command<StatsSettings>
{
    public override int Execute(CommandContext context, StatsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var snapshot = GenealogyCatalog.WithStatus(console, settings.Json, $"loading {Markup.Escape(settings.Catalog)}",
                () => GenealogyCatalog.Load(settings, line => Console.Error.WriteLine(TerminalText.Escape(line)), cancellationToken));
            var statistics = GenealogyCatalog.WithStatus(console, settings.Json, "computing families, generations and chains",
                () => GenealogyStatisticsCalculator.Compute(snapshot, cancellationToken));
            if (settings.Json)
            {
                console.Profile.Out.Writer.WriteLine(GenealogyStatisticsJson.Serialize(statistics));
            }
            else
            {
                StatisticsView.Render(console, $"{settings.Catalog} ({settings.GraphVariant.Name()})", statistics);
            }
            return 0;
        }
        catch (CatalogReadException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
    }
}
