using System.Text.Json;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Reporting;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// The shared real family imported into a temp catalog, analysed as <c>lineage analyze</c> does (written by the real
/// <see cref="ReportWriter"/> into <c>report/</c>), and two real servers on 127.0.0.1: one with <c>--report</c> that folder,
/// one without (the report computed on request).
/// </summary>
public sealed class ReportFixture : IAsyncLifetime
{
    private ExplorerServer? _withReport;
    private ExplorerServer? _computing;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kinship-report-" + Guid.NewGuid().ToString("N"));

    public string CatalogPath => Path.Combine(Folder, "lineage.duckdb");

    public string ReportDirectory => Path.Combine(Folder, "report");

    public string? SkipReason { get; private set; }

    /// <summary>The server started with <c>--report</c>.</summary>
    public Uri Address => _withReport?.Address ?? throw new InvalidOperationException(SkipReason);

    /// <summary>The server started without <c>--report</c>.</summary>
    public Uri ComputingAddress => _computing?.Address ?? throw new InvalidOperationException(SkipReason);

    /// <summary>The results.json the report folder holds.</summary>
    public JsonElement Results { get; private set; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async ValueTask InitializeAsync()
    {
        var shared = SharedData.Directory;
        var csv = shared is null ? null : Path.Combine(shared, ExplorerFixture.FamilyFile);
        if (csv is null || !File.Exists(csv))
        {
            SkipReason = $"needs ../shared/{ExplorerFixture.FamilyFile} beside the repository (or KINSHIP_SHARED); it is not here";
            return;
        }
        Directory.CreateDirectory(Folder);
        new CatalogImporter(CatalogPath).Import([new ImportSource(csv)]);
        using (var snapshot = CatalogSnapshot.Open(CatalogPath))
        {
            var model = LineageAnalysis.Run(snapshot.Genealogy, snapshot.Traits, snapshot, new AnalyzeOptions { Now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) });
            await ReportWriter.WriteAsync(model, ReportDirectory);
        }
        Results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(ReportDirectory, "results.json"))).RootElement.Clone();
        _withReport = await ExplorerServer.StartAsync(ExplorerCatalog.Open(CatalogPath), new ExplorerOptions(Port: 0, ReportDirectory: ReportDirectory));
        _computing = await ExplorerServer.StartAsync(ExplorerCatalog.Open(CatalogPath), new ExplorerOptions(Port: 0));
    }

    public void RequireData()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> Get(Uri server, string path)
    {
        var response = await Http.GetAsync(new Uri(server, path), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    /// <summary>Rows of an independent SQL query over the catalog file, cells joined by '|'.</summary>
    public List<string> Sql(string sql) => CatalogSql.Rows(CatalogPath, sql);

    public async ValueTask DisposeAsync()
    {
        if (_withReport is not null)
        {
            await _withReport.DisposeAsync();
        }
        if (_computing is not null)
        {
            await _computing.DisposeAsync();
        }
        Http.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
