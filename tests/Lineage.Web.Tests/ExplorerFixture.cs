using System.Text.Json;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// A temp catalog with the shared real family (Mistral-Small-24B-Base-2501's tree, 67 models) imported by the real
/// importer, served by a real <see cref="ExplorerServer"/> on 127.0.0.1 with a free port.
/// </summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    public const string FamilyFile = "data/hub/mistral-small-24b-base-tree-2025-04-05.csv";
    public const string Root = "mistralai/Mistral-Small-24B-Base-2501";

    private ExplorerServer? _server;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kinship-serve-" + Guid.NewGuid().ToString("N"));

    public string CatalogPath => Path.Combine(Folder, "lineage.duckdb");

    /// <summary>Null when the shared data is absent (every test then skips).</summary>
    public string? SkipReason { get; private set; }

    public Uri Address => _server?.Address ?? throw new InvalidOperationException(SkipReason);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask InitializeAsync()
    {
        var shared = SharedData.Directory;
        var csv = shared is null ? null : Path.Combine(shared, FamilyFile);
        if (csv is null || !File.Exists(csv))
        {
            SkipReason = $"needs ../shared/{FamilyFile} beside the repository (or KINSHIP_SHARED); it is not here";
            return;
        }
        Directory.CreateDirectory(Folder);
        new CatalogImporter(CatalogPath).Import([new ImportSource(csv)]);
        var catalog = ExplorerCatalog.Open(CatalogPath);
        _server = await ExplorerServer.StartAsync(catalog, new ExplorerOptions(Port: 0));
    }

    public void RequireData()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    public async Task<JsonElement> GetJson(string path, int status = 200)
    {
        using var response = await Http.GetAsync(new Uri(Address, path), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"GET {path}: {(int)response.StatusCode}, expected {status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Rows of an independent SQL query over the catalog file (opened read-only beside the running server).</summary>
    public List<string> Sql(string sql) => CatalogSql.Rows(CatalogPath, sql);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
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
