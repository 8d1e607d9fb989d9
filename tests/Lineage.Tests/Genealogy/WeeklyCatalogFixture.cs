using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>The weekly files read once, written into a catalog with the test's own code, and loaded once per test class.</summary>
public sealed class WeeklyCatalogFixture : IDisposable
{
    private readonly Lazy<(List<WeeklyFiles.Row> Rows, GenealogySnapshot Snapshot)> _loaded;
    private TestCatalog? _catalog;

    public WeeklyCatalogFixture()
    {
        _loaded = new(() =>
        {
            var rows = WeeklyFiles.Read();
            _catalog = new TestCatalog();
            Fill(_catalog.Connection, rows);
            var snapshot = GenealogyLoader.Load(_catalog.Connection, _catalog.Path).Snapshot;
            return (rows, snapshot);
        });
    }

    /// <summary>The rows and the all-variant snapshot (skips the test when the shared files are absent).</summary>
    internal (List<WeeklyFiles.Row> Rows, GenealogySnapshot Snapshot) Load()
    {
        WeeklyFiles.Paths();
        return _loaded.Value;
    }

    public void Dispose() => _catalog?.Dispose();

    /// <summary>Writes the rows into the catalog tables (one models row per id; one parents row per distinct pair).</summary>
    private static void Fill(DuckDBConnection connection, List<WeeklyFiles.Row> rows)
    {
        using (var appender = connection.CreateAppender("models"))
        {
            foreach (var row in rows)
            {
                var r = appender.CreateRow();
                r.AppendValue(row.Id).AppendNullValue().AppendValue(row.Week);
                for (var i = 3; i < 21; i++)
                {
                    r.AppendNullValue();
                }
                r.EndRow();
            }
        }
        using (var appender = connection.CreateAppender("parents"))
        {
            foreach (var row in rows)
            {
                foreach (var parent in row.Parents.Distinct(StringComparer.Ordinal))
                {
                    appender.CreateRow().AppendValue(row.Id).AppendValue(parent).AppendValue(row.Type.Length == 0 ? "unknown" : row.Type).AppendValue("table").EndRow();
                }
            }
        }
    }
}
