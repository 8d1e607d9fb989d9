using System.Globalization;
using System.Text;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// The 12 shared weekly "added models" files, read with the test's own plain code: rows of (Model ID, Type,
/// Base Model with parents separated by ", "); a model repeated in a later week replaces its earlier row.
/// </summary>
internal static class WeeklyFiles
{
    public const string Folder = "data/hub/added-models";

    public sealed record Row(string Id, string Type, string[] Parents, DateTimeOffset Week);

    /// <summary>The files in week order (file names sort by MMDD, all in 2025), or skips the test when absent.</summary>
    public static string[] Paths()
    {
        var first = SharedData.RequireFile($"{Folder}/added_model_0319.csv");
        var files = Directory.GetFiles(Path.GetDirectoryName(first)!, "added_model_*.csv");
        Array.Sort(files, StringComparer.Ordinal);
        Assert.Equal(12, files.Length);
        return files;
    }

    /// <summary>The final row of every model (later weeks win), in first-seen order.</summary>
    public static List<Row> Read()
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var path in Paths())
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var week = DateTimeOffset.ParseExact("2025" + name[^4..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var lines = File.ReadAllLines(path);
            Assert.Equal("Model ID,Type,Base Model", lines[0]);
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }
                var fields = SplitCsv(lines[i]);
                Assert.True(fields.Count == 3, $"{path}:{i + 1}: expected 3 fields");
                var parents = fields[2].Length == 0 ? [] : fields[2].Split(", ");
                if (!rows.ContainsKey(fields[0]))
                {
                    order.Add(fields[0]);
                }
                rows[fields[0]] = new Row(fields[0], fields[1], parents, week);
            }
        }
        return [.. order.Select(id => rows[id])];
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else { field.Append(c); }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
