using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using Kinship.Lineage.Genealogy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary><c>lineage tree MODEL</c>: a model's ancestors and descendants.</summary>
public sealed class TreeCommand(IAnsiConsole console) : Command<TreeSettings>
{
    public override int Execute(CommandContext context, TreeSettings settings, CancellationToken cancellationToken)
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
            var both = !settings.Up && !settings.Down;
            var tree = LineageTreeBuilder.Build(snapshot, node, settings.Up || both, settings.Down || both,
                settings.Depth ?? int.MaxValue, settings.IncludeExternal);
            IReadOnlyDictionary<string, ModelDetails> details;
            using (var connection = GenealogyLoader.OpenReadOnly(settings.Catalog))
            {
                details = GenealogyLoader.LoadDetails(connection, tree.ModelIds());
            }
            if (settings.Json)
            {
                console.Profile.Out.Writer.WriteLine(LineageTreeJson.Serialize(tree, details));
            }
            else
            {
                TreeView.Render(console, tree, details);
            }
            return 0;
        }
        catch (CatalogReadException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
    }
}
