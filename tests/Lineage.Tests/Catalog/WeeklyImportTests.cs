using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Catalog;

public sealed class WeeklyImportTests
{
    private static string[] WeeklyFiles()
    {
        var first = SharedData.RequireFile("data/hub/added-models/added_model_0319.csv");
        var files = Directory.GetFiles(Path.GetDirectoryName(first)!, "added_model_*.csv");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>An independent reading of the weekly files: the last row of a model wins; parents split on ", ".</summary>
    private static (Dictionary<string, (string Type, string[] Parents)> Models, long Rows) IndependentCount(string[] files)
    {
        var models = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            Assert.Equal("Model ID,Type,Base Model", lines[0]);
            foreach (var line in lines.Skip(1))
            {
                if (line.Length == 0)
                {
                    continue;
                }
                rows++;
                // three fields; only the last may be quoted (it holds ", " between parents)
                var firstComma = line.IndexOf(',');
                var secondComma = line.IndexOf(',', firstComma + 1);
                var id = line[..firstComma];
                var type = line[(firstComma + 1)..secondComma];
                var bases = line[(secondComma + 1)..].Trim('"');
                var parents = bases.Length == 0 ? [] : bases.Split(", ").Distinct().ToArray();
                models[id] = (type, parents);
            }
        }
        return (models, rows);
    }

    [Fact]
    public void Twelve_weekly_files_in_name_order_give_exactly_their_distinct_models_and_pairs()
    {
        var files = WeeklyFiles();
        Assert.Equal(12, files.Length);
        var (expected, rows) = IndependentCount(files);
        using var catalog = new TempCatalog();

        var results = catalog.Import(files);

        Assert.All(results, r => Assert.Equal(InputFormat.WeeklyCsv, r.Format));
        Assert.Equal(rows, results.Sum(r => r.Read));
        Assert.Equal(0, results.Sum(r => r.Rejected));
        Assert.Equal(expected.Count, catalog.Scalar("SELECT count(*) FROM models"));
        Assert.Equal(expected.Count, catalog.Scalar("SELECT count(DISTINCT id) FROM models"));
        var expectedPairs = expected
            .SelectMany(m => m.Value.Parents.Select(p => $"{m.Key}|{p}|{(m.Value.Type.Length == 0 ? "unknown" : m.Value.Type)}"))
            .ToHashSet(StringComparer.Ordinal);
        var actualPairs = catalog.Rows("SELECT child, parent, relation FROM parents");
        Assert.Equal(expectedPairs.Count, actualPairs.Count);
        Assert.True(expectedPairs.SetEquals(actualPairs));
        Assert.All(catalog.Rows("SELECT DISTINCT source FROM parents"), s => Assert.Equal("table", s));
        // models named in two weeks count once, and were replaced once per repeat
        Assert.Equal(rows - expected.Count, results.Sum(r => r.Replaced));
        // the real quirks survive: self-bases and mutual bases are kept as declared
        var selfBases = expected.Count(m => m.Value.Parents.Contains(m.Key));
        Assert.True(selfBases > 0);
        Assert.Equal(selfBases, catalog.Scalar("SELECT count(*) FROM parents WHERE child = parent"));
        Assert.Equal(12, catalog.Scalar("SELECT count(*) FROM imports"));
    }
}
