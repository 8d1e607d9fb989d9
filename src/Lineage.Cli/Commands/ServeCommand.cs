using System.Net.Sockets;
using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Web;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage serve</c>: the interactive family-tree explorer over the catalog, until Ctrl+C.</summary>
public sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ExplorerCatalog catalog;
        try
        {
            console.MarkupLineInterpolated($"loading {settings.Catalog} ...");
            var started = System.Diagnostics.Stopwatch.StartNew();
            catalog = ExplorerCatalog.Open(settings.Catalog, cancellationToken);
            console.MarkupLineInterpolated($"loaded {catalog.Graph.NodeCount:N0} models, {catalog.Graph.EdgeCount:N0} edges in {started.Elapsed.TotalSeconds:F1} s; the catalog is closed again");
        }
        catch (CatalogReadException e)
        {
            // start-up failures go through the shared handler: one line on stderr, exit 1 (Ctrl+C propagates: 130)
            throw new CliFailureException(TerminalText.Escape(e.Message), e);
        }
        ExplorerServer server;
        try
        {
            server = await ExplorerServer.StartAsync(catalog, new ExplorerOptions(settings.Host, settings.Port, settings.Report), cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or DirectoryNotFoundException or InvalidOperationException)
        {
            throw new CliFailureException($"cannot listen on {TerminalText.Escape(settings.Host)}:{settings.Port}: {TerminalText.Escape(e.Message)}", e);
        }
        await using (server)
        {
            // plain text: an IPv6 address's brackets are not markup
            console.WriteLine($"lineage serve: open {server.Address} (Ctrl+C stops)");
            await server.WaitAsync(cancellationToken);
        }
        return cancellationToken.IsCancellationRequested ? 130 : 0;
    }
}
