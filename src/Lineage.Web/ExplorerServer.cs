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
        foreach (var file in (string[])["report.html", "results.json"])
        {
            if (options.ReportDirectory is { } report && !File.Exists(Path.Combine(report, file)))
            {
                throw new DirectoryNotFoundException($"--report '{report}' holds no {file} (write one with `lineage analyze --out {report}`)");
            }
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        var app = builder.Build();
        var reportDirectory = options.ReportDirectory is null ? null : Path.GetFullPath(options.ReportDirectory);
        Map(app, new ExplorerQueries(catalog), new StaticAssets(), reportDirectory, new ReportSource(catalog.Path, reportDirectory));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ExplorerServer(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the process is asked to stop (SIGTERM), then stops.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static void Map(WebApplication app, ExplorerQueries queries, StaticAssets assets, string? reportDirectory, ReportSource report)
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

        app.MapGet("/api/drift/edges", (string? trait, string? from, string? to, int? offset, int? limit) =>
            ParseTrait(trait) is not { } parsed
                ? Results.Json(new ErrorAnswer($"trait '{trait}' is not one of license, language, task, library"), Json, statusCode: 400)
                : string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to)
                    ? Results.Json(new ErrorAnswer("from and to name the two values of the transition (as results.json writes them)"), Json, statusCode: 400)
                    : Results.Json(queries.DriftEdges(parsed, trait!, from, to, offset ?? 0, limit ?? 100), Json));

        app.MapGet("/api/report", async (HttpContext context) =>
        {
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            context.Response.Headers["X-Report-Source"] = report.Kind;
            return Results.Bytes(await report.GetAsync(stopping).ConfigureAwait(false), "application/json; charset=utf-8");
        });

        app.MapGet("/api/{**rest}", (string rest) =>
            Results.Json(new ErrorAnswer($"no API '/api/{rest}' (see docs/formats-serve.md)"), Json, statusCode: 404));

        app.MapGet("/assets/{**path}", (string path) =>
            assets.Get(path) is { } bytes ? Results.Bytes(bytes, StaticAssets.ContentType(path)) : Results.NotFound());

        var shell = assets.Get("index.html") ?? throw new InvalidOperationException("the front end is missing from the assembly");
        IResult Shell() => Results.Bytes(shell, "text/html; charset=utf-8");
        app.MapGet("/", Shell);
        app.MapGet("/model/{**id}", (string id) => Shell());
        app.MapGet("/family/{**id}", (string id) => Shell());

        // "/report" (and "/report/") is the interactive report; the --report folder's own files (report.html, charts/) sit below it.
        app.MapGet("/report", Shell);
        app.MapGet("/report/{**path}", (string? path) =>
            string.IsNullOrEmpty(path) ? Shell() : reportDirectory is null ? Results.NotFound() : ReportFile(reportDirectory, path));
    }

    private static Traits.Trait? ParseTrait(string? name) => name switch
    {
        "license" => Traits.Trait.License,
        "language" => Traits.Trait.Language,
        "task" => Traits.Trait.Task,
        "library" => Traits.Trait.Library,
        _ => null,
    };

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
