using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// The 12 weekly files imported once, in week order, with the production importer (what `lineage import` runs),
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
            var results = new CatalogImporter(CatalogPath).Import([.. files.Select(f => new ImportSource(f))]);
            Assert.Equal(0, results.Sum(r => r.Rejected));
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
