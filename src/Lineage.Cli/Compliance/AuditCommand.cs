using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using System.Text.Json;
using Kinship.Lineage.Cli.Genealogy;
using Kinship.Lineage.Compliance;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Compliance;

/// <summary><c>lineage audit MODEL</c>: checks every edge of a model's ancestry against the license rules.</summary>
public sealed class AuditCommand(IAnsiConsole console) : Command<AuditSettings>
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public override int Execute(CommandContext context, AuditSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var snapshot = GenealogyCatalog.Load(settings, line => Console.Error.WriteLine(TerminalText.Escape(line)), cancellationToken);
            var node = GenealogyCatalog.Find(snapshot, settings.Model, settings.Catalog, out var error);
            if (node < 0)
            {
                throw new CliFailureException($"{TerminalText.Escape(error)}");
            }
            NodeTraits traits;
            using (var connection = GenealogyLoader.OpenReadOnly(settings.Catalog))
            {
                traits = CatalogTraits.Load(connection, snapshot.Graph, [.. ComplianceAudit.Ancestry(snapshot.Graph, node)], cancellationToken);
            }
            var audit = ComplianceAudit.Audit(snapshot.Graph, traits, node);
            if (settings.Json)
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(audit, JsonOptions));
            }
            else
            {
                AuditView.Render(console, audit);
            }
            return 0;
        }
        catch (CatalogReadException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
    }
}
