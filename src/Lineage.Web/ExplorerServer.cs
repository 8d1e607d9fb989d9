using System.Text.Json;
using Kinship.Lineage.Genealogy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinship.Lineage.Web;

/// <summary>
/// The explorer behind <c>lineage serve</c>: Kestrel on loopback (by default) serving the read-only JSON API over an
/// <see cref="ExplorerCatalog"/> and the embedded front end (search, model, family and report pages).
/// </summary>
public sealed class ExplorerServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;

    private ExplorerServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address the server listens on (the real port when 0 was asked for), ending in a slash.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="catalog"/>; returns once the port is bound.</summary>
    public static async Task<ExplorerServer> StartAsync(ExplorerCatalog catalog, ExplorerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReportDirectory is { } report && !File.Exists(Path.Combine(report, "report.html")))
        {
            throw new DirectoryNotFoundException($"--report '{report}' holds no report.html (write one with `lineage analyze --out {report}`)");
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        var app = builder.Build();
        Map(app, new ExplorerQueries(catalog), new StaticAssets(), options.ReportDirectory is null ? null : Path.GetFullPath(options.ReportDirectory));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ExplorerServer(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the process is asked to stop (SIGTERM), then stops.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static void Map(WebApplication app, ExplorerQueries queries, StaticAssets assets, string? reportDirectory)
    {
        app.MapGet("/api/search", (string? q, string? author, int? limit) =>
            Results.Json(queries.Search(q ?? "", author, limit ?? 20), Json));

        app.MapGet("/api/model/{**id}", (string id) =>
            Find(queries, id, out var node) is { } missing ? missing : Results.Json(queries.Model(node), Json));

        app.MapGet("/api/tree/{**id}", (string id, int? up, int? down, int? offset, int? limit) =>
            Find(queries, id, out var node) is { } missing
                ? missing
                : Results.Json(queries.Tree(node, up ?? ExplorerQueries.MaxDepth, down ?? 1, offset ?? 0, limit ?? 100), Json));

        app.MapGet("/api/family/{**id}", (string id) =>
            Find(queries, id, out var node) is { } missing ? missing : Results.Json(queries.Family(node), Json));

        app.MapGet("/api/{**rest}", (string rest) =>
            Results.Json(new ErrorAnswer($"no API '/api/{rest}' (see docs/formats-serve.md)"), Json, statusCode: 404));

        app.MapGet("/assets/{**path}", (string path) =>
            assets.Get(path) is { } bytes ? Results.Bytes(bytes, StaticAssets.ContentType(path)) : Results.NotFound());

        var shell = assets.Get("index.html") ?? throw new InvalidOperationException("the front end is missing from the assembly");
        IResult Shell() => Results.Bytes(shell, "text/html; charset=utf-8");
        app.MapGet("/", Shell);
        app.MapGet("/model/{**id}", (string id) => Shell());
        app.MapGet("/family/{**id}", (string id) => Shell());

        // "/report" and "/report/" reach the same route; only the slashed form makes the report's relative chart links work.
        app.MapGet("/report", (HttpContext context) => reportDirectory is null
            ? Shell()
            : context.Request.Path.Value!.EndsWith('/') ? ReportFile(reportDirectory, "report.html") : Results.Redirect("/report/"));
        app.MapGet("/report/{**path}", (string? path) =>
            reportDirectory is null ? Shell() : ReportFile(reportDirectory, string.IsNullOrEmpty(path) ? "report.html" : path));
    }

    // A file of the report folder; anything resolving outside it is not found.
    private static IResult ReportFile(string reportDirectory, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(reportDirectory, relative));
        if (!full.StartsWith(reportDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }
        return Results.File(full, StaticAssets.ContentType(full));
    }

    private static IResult? Find(ExplorerQueries queries, string id, out int node)
    {
        node = queries.IndexOf(id);
        if (node >= 0)
        {
            return null;
        }
        var declaredBy = queries.DeclaredBy(id);
        return Results.Json(new ErrorAnswer(declaredBy > 0
            ? $"model '{id}' is not in the catalog; {declaredBy} models declare it as a parent"
            : $"model '{id}' is not in the catalog", declaredBy), Json, statusCode: 404);
    }
}
