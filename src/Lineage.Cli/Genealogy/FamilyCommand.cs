using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using Kinship.Lineage.Genealogy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary><c>lineage family MODEL</c>: the statistics of the family a model belongs to.</summary>
public sealed class FamilyCommand(IAnsiConsole console) : Command<FamilySettings>
{
    public override int Execute(CommandContext context, FamilySettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var snapshot = GenealogyCatalog.WithStatus(console, settings.Json, $"loading {TerminalText.Markup(settings.Catalog)}",
                () => GenealogyCatalog.Load(settings, line => Console.Error.WriteLine(TerminalText.Escape(line)), cancellationToken));
            var node = GenealogyCatalog.Find(snapshot, settings.Model, settings.Catalog, out var error);
            if (node < 0)
            {
                throw new CliFailureException($"{TerminalText.Escape(error)}");
            }
            var family = GenealogyCatalog.WithStatus(console, settings.Json, "computing the family",
                () => GenealogyStatisticsCalculator.ComputeFamily(snapshot, GenealogyAnalysis.Run(snapshot.Graph, cancellationToken), node));
            if (settings.Json)
            {
                console.Profile.Out.Writer.WriteLine(GenealogyStatisticsJson.Serialize(family));
            }
            else
            {
                StatisticsView.Render(console, $"family of {family.Model}: root {family.Root} ({settings.GraphVariant.Name()})", family.Statistics);
            }
            return 0;
        }
        catch (CatalogReadException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
    }
}
