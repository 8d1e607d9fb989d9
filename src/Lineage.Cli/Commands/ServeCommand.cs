using System.Net.Sockets;
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
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        ExplorerServer server;
        try
        {
            server = await ExplorerServer.StartAsync(catalog, new ExplorerOptions(settings.Host, settings.Port, settings.Report), cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or DirectoryNotFoundException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot listen on {settings.Host}:{settings.Port}: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
        await using (server)
        {
            console.MarkupLineInterpolated($"lineage serve: open [link]{server.Address}[/] (Ctrl+C stops)");
            await server.WaitAsync(cancellationToken);
        }
        return cancellationToken.IsCancellationRequested ? 130 : 0;
    }
}
