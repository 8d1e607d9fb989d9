using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Genealogy;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// The 12 weekly files imported once, in week order, by the real `lineage import` command,
/// the resulting catalog loaded once; and the same files read independently by the test's own code.
/// </summary>
public sealed class WeeklyCatalogFixture : IDisposable
{
    private readonly Lazy<(List<WeeklyFiles.Row> Rows, GenealogySnapshot Snapshot)> _loaded;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kinship-weekly-" + Guid.NewGuid().ToString("N"));

    public WeeklyCatalogFixture()
    {
        _loaded = new(() =>
        {
            var files = WeeklyFiles.Paths();
            Directory.CreateDirectory(_folder);
            CatalogPath = Path.Combine(_folder, "lineage.duckdb");
            var app = new CommandAppTester();
            app.Configure(config => config.AddCommand<ImportCommand>("import"));
            var result = app.Run(["import", .. files, "--catalog", CatalogPath, "--json"]);
            Assert.True(result.ExitCode == 0, result.Output);
            using (var json = System.Text.Json.JsonDocument.Parse(result.Output))
            {
                Assert.Equal(0, json.RootElement.GetProperty("rejected").GetInt64());
            }
            var snapshot = GenealogyLoader.Load(CatalogPath).Snapshot;
            return (WeeklyFiles.Read(), snapshot);
        });
    }

    /// <summary>The imported catalog file (valid after <see cref="Load"/>).</summary>
    public string CatalogPath { get; private set; } = "";

    /// <summary>The independently read rows and the all-variant snapshot (skips the test when the shared files are absent).</summary>
    internal (List<WeeklyFiles.Row> Rows, GenealogySnapshot Snapshot) Load()
    {
        WeeklyFiles.Paths();
        return _loaded.Value;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
