using System.Globalization;
using System.Text;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Tests.Catalog;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>
/// Generated malformed variants of every text input format, interleaved with good rows: every good row lands and every
/// bad one is reported by its own line (and no other line is).
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    /// <summary>Malformed listing objects that still parse as JSON (each breaks one field rule).</summary>
    private static IEnumerable<string> BadObjects()
    {
        string[] wrongTypes = ["5", "true", "[]", "{}", "1.5"];
        foreach (var value in wrongTypes)
        {
            yield return $$"""{"id":{{value}}}""";
            yield return $$"""{"id":"x/y","tags":{{(value == "[]" ? "[1]" : value)}}}""";
            yield return $$"""{"id":"x/y","createdAt":{{value}}}""";
        }
        foreach (var field in new[] { "downloads", "likes" })
        {
            foreach (var value in new[] { "-1", "-9000000000", "\"many\"", "1.5", "true", "[]" })
            {
                yield return $$"""{"id":"x/y","{{field}}":{{value}}}""";
            }
        }
        foreach (var value in new[] { "1e400", "-1e400", "\"hot\"", "[]" })
        {
            yield return $$"""{"id":"x/y","trendingScore":{{value}}}""";
        }
        foreach (var value in new[] { "\"yesterday\"", "\"2024-13-45\"" })
        {
            yield return $$"""{"id":"x/y","createdAt":{{value}}}""";
        }
        yield return """{"id":"x/y","private":"yes"}""";
        yield return """{"id":"x/y","gated":5}""";
        yield return """{"id":"x/y","cardData":[1]}""";
        yield return """{"id":"x/y","card_data":5}""";
        yield return """{"id":"x/y","baseModels":"x"}""";
        yield return """{"id":""}""";
        yield return """{"id":"   "}""";
        yield return """{"downloads":3}""";
        foreach (var control in new[] { "\\u0000", "\\u0001", "\\u001b[31m", "\\n", "\\t", "\\u007f", "\\u0085", "\\u009b" })
        {
            yield return $$"""{"id":"x/bad{{control}}id"}""";
        }
        foreach (var field in new[] { "id", "author", "pipeline_tag", "library_name" })
        {
            yield return $$"""{"id":"x/y","{{field}}":"half \ud800 pair"}""".Replace("\"id\":\"x/y\",\"id\"", "\"id\"", StringComparison.Ordinal);
        }
        yield return """{"id":"x/y","tags":["ok","\udfff"]}""";
        yield return """{"id":"x/y","cardData":{"license":"\udbff"}}""";
        yield return """{"id":"x/y","cardData":{"base_model":["a/b","\ud83d"]}}""";
        yield return """{"id":"x/y","\ud800":1}""";
    }

    /// <summary>Lines that are not a JSON object at all.</summary>
    private static IEnumerable<string> BadLines()
    {
        yield return """{"id": }""";
        yield return """{"id":"x/y""";
        yield return """{"id":"x/y"} trailing""";
        yield return "[1,2]";
        yield return "\"just a string\"";
        yield return "42";
        yield return "null";
        yield return "<html>";
    }

    private static string Good(int i) => $$"""{"id":"good/m{{i}}","downloads":{{i}},"tags":["license:mit","en"],"trendingScore":{{i}}.5}""";

    private void AssertOutcome(string path, int goodRows, IEnumerable<long> badLines)
    {
        var rejects = new List<ImportReject>();
        _catalog.Import(rejects, path);
        Assert.Equal(goodRows, _catalog.Scalar("SELECT count(*) FROM models"));
        Assert.Equal(goodRows, _catalog.Scalar("SELECT count(*) FROM models WHERE id LIKE 'good/%'"));
        Assert.Equal(badLines.Order(), rejects.Select(r => r.Line).Order());
        Assert.All(rejects, r => Assert.Equal(path, r.Source));
        Assert.All(rejects, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public void Json_lines_variants_are_each_rejected_by_line()
    {
        var bad = BadObjects().Concat(BadLines()).ToArray();
        Assert.True(bad.Length >= 40);
        var lines = new List<byte[]>();
        var badLines = new List<long>();
        for (var i = 0; i < bad.Length; i++)
        {
            lines.Add(Encoding.UTF8.GetBytes(Good(i)));
            lines.Add(Encoding.UTF8.GetBytes(bad[i]));
            badLines.Add(lines.Count);
        }
        lines.Add([.. "{\"id\":\"x/"u8, 0xFF, 0xFE, .. "\"}"u8]); // invalid UTF-8
        badLines.Add(lines.Count);
        lines.Add(Encoding.UTF8.GetBytes(Good(bad.Length)));
        var path = _catalog.WriteBytes("fuzz.jsonl", [.. lines.SelectMany(l => l.Concat("\n"u8.ToArray()))]);

        AssertOutcome(path, bad.Length + 1, badLines);
    }

    [Fact]
    public void Json_array_variants_are_each_rejected_by_line()
    {
        var bad = BadObjects().Append("[1]").Append("\"text\"").Append("7").ToArray();
        Assert.True(bad.Length >= 40);
        var lines = new List<string> { "[" };
        var badLines = new List<long>();
        for (var i = 0; i < bad.Length; i++)
        {
            lines.Add(Good(i) + ",");
            lines.Add(bad[i] + ",");
            badLines.Add(lines.Count);
        }
        lines.Add(Good(bad.Length));
        lines.Add("]");
        var path = _catalog.Write("fuzz.json", string.Join("\n", lines) + "\n");

        AssertOutcome(path, bad.Length + 1, badLines);
    }

    [Fact]
    public void Model_info_json_variants_are_each_rejected_by_line()
    {
        var bad = BadObjects().Where(NeedsItsOwnId).Select(o => $$"""{"model_id":"m/x","metadata":{{o}}}""")
            .Concat(["""{"model_id":5,"metadata":{}}""", """{"model_id":"m/x"}""", """{"model_id":"m/x","metadata":null}""", """{"model_id":"m/x","metadata":7}""", "[1]",
                """{"model_id":"\ud800","metadata":{"id":"m/x"}}""", """{"model_id":"m/x","metadata":"{not json"}""", """{"model_id":"m/x","metadata":"  "}"""])
            .ToArray();
        Assert.True(bad.Length >= 40);
        var lines = new List<string> { "{\"models\": [" };
        var badLines = new List<long>();
        for (var i = 0; i < bad.Length; i++)
        {
            lines.Add($$"""{"model_id":"good/m{{i}}","metadata":{{Good(i)}}},""");
            lines.Add(bad[i] + ",");
            badLines.Add(lines.Count);
        }
        lines.Add($$"""{"model_id":"good/last","metadata":"{\"id\":\"good/last\"}"}""");
        lines.Add("]}");
        var path = _catalog.Write("fuzz-info.json", string.Join("\n", lines) + "\n");

        AssertOutcome(path, bad.Length + 1, badLines);
    }

    /// <summary>A record without an id takes the model-info row's <c>model_id</c>: that variant is good there.</summary>
    private static bool NeedsItsOwnId(string badObject) => badObject != """{"downloads":3}""";

    private static string Cell(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Fact]
    public void Model_info_csv_variants_are_each_rejected_by_line()
    {
        var bad = BadObjects().Where(NeedsItsOwnId).Concat(BadLines()).Select(o => "m/x," + Cell(o))
            .Concat(["m/x", "m/x,{},extra", "m/x,", "m/x,nan"])
            .ToArray();
        Assert.True(bad.Length >= 40);
        var rows = new List<string> { "model_id,metadata" };
        var badLines = new List<long>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add($"good/m{i}," + Cell(Good(i)));
            rows.Add(bad[i]);
            badLines.Add(rows.Count);
        }
        rows.Add("good/fffd," + Cell("""{"id":"good/fffd","pipeline_tag":"a � b"}"""));
        var path = _catalog.Write("fuzz-info.csv", string.Join("\n", rows) + "\n");

        AssertOutcome(path, bad.Length + 1, badLines);
    }

    [Fact]
    public void Weekly_csv_variants_are_each_rejected_by_line()
    {
        var bad = Enumerable.Range(0, 20).Select(i => $"w/m,kind{i},w/base")
            .Concat(Enumerable.Range(0, 8).Select(i => $",finetune,w/base{i}"))
            .Concat(["w/m", "w/m,finetune", "w/m,finetune,a,b", "w/m,,,", "\"w/m\",merge,w/a,w/b,w/c"])
            .Concat(new[] { "\u0000", "\u0001", "\u001b[2J", "\u007f", "\u0085", "\u009b", "\u0007" }.Select(c => $"w/bad{c}id,finetune,w/base"))
            .ToArray();
        Assert.True(bad.Length >= 40);
        var rows = new List<string> { "Model ID,Type,Base Model" };
        var badLines = new List<long>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add($"good/m{i},{(i % 2 == 0 ? "finetune" : "")},{(i % 3 == 0 ? "" : "w/base")}");
            rows.Add(bad[i]);
            badLines.Add(rows.Count);
        }
        var path = _catalog.Write("fuzz-weekly.csv", string.Join("\n", rows) + "\n");

        AssertOutcome(path, bad.Length, badLines);
    }

    [Fact]
    public void Study_csv_variants_are_each_rejected_by_line()
    {
        const string header = "model_id,likes,trendingScore,downloads,tags,createdAt";
        var bad = new[] { "many", "-1", "1.5", "[]", "x1" }.Select(v => $"s/m,{v},0,1,[],")
            .Concat(new[] { "many", "-5", "2.5", "True" }.Select(v => $"s/m,1,0,{v},[],"))
            .Concat(new[] { "hot", "1e400", "-1e400", "[1]" }.Select(v => $"s/m,1,{v},1,[],"))
            .Concat(new[] { "'a'", "[1, 2]", "['unclosed", "{'a': 1}", "[None]" }.Select(v => $"s/m,1,0,1,{Cell(v)},"))
            .Concat(new[] { "yesterday", "2024-13-45", "12" }.Select(v => $"s/m,1,0,1,[],{v}"))
            .Concat(["s/m,1,0,1,[]", "s/m,1,0,1,[],,extra", ",1,0,1,[],", "nan,1,0,1,[],"])
            .Concat(new[] { "\u0000", "\u0001", "\u001b[2J", "\u007f", "\u0085", "\u009b", "\u0007", "\t" }.Select(c => $"s/bad{c}id,1,0,1,[],"))
            .Concat(Enumerable.Range(0, 8).Select(i => $"s/m{i},-{i + 1},0,1,[],"))
            .ToArray();
        Assert.True(bad.Length >= 40);
        var rows = new List<string> { header };
        var badLines = new List<long>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"good/m{i},{i},{i}.5,{i * 10},{Cell("['license:mit', 'en']")},2024-08-01T12:00:00.000Z"));
            rows.Add(bad[i]);
            badLines.Add(rows.Count);
        }
        var path = _catalog.Write("fuzz-study.csv", string.Join("\n", rows) + "\n");
        Assert.Equal(InputFormat.StudyCsv, FormatSniffer.Detect(path));

        AssertOutcome(path, bad.Length, badLines);
    }
}
