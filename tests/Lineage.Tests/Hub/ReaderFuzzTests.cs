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

    /// <summary>A malformed record and the reason it is rejected for (ending in "…": the parser's wording follows); <paramref name="Surrogate"/> names a field path.</summary>
    private sealed record Bad(string Json, string Reason, bool Surrogate = false);

    private const string Lone = " holds a lone surrogate escape (such as \\ud800), which is not text";

    /// <summary>Malformed listing objects that still parse as JSON (each breaks one field rule), with their reasons.</summary>
    private static IEnumerable<Bad> BadObjects()
    {
        (string Value, string Kind)[] wrongTypes = [("5", "number"), ("true", "boolean"), ("[]", "list"), ("{}", "object"), ("1.5", "number")];
        foreach (var (value, kind) in wrongTypes)
        {
            yield return new($$"""{"id":{{value}}}""", $"id is not a string (a {kind})");
            yield return value == "[]"
                ? new("""{"id":"x/y","tags":[1]}""", "tags[0] is not a string (a number)")
                : new($$"""{"id":"x/y","tags":{{value}}}""", $"tags is not a list (a {kind})");
            yield return new($$"""{"id":"x/y","createdAt":{{value}}}""", $"createdAt is not a string (a {kind})");
        }
        foreach (var field in new[] { "downloads", "likes" })
        {
            yield return new($$"""{"id":"x/y","{{field}}":-1}""", $"{field} is negative (-1)");
            yield return new($$"""{"id":"x/y","{{field}}":-9000000000}""", $"{field} is negative (-9000000000)");
            foreach (var (value, kind) in new[] { ("\"many\"", "string"), ("1.5", "number"), ("true", "boolean"), ("[]", "list") })
            {
                yield return new($$"""{"id":"x/y","{{field}}":{{value}}}""", $"{field} is not a whole number (a {kind})");
            }
        }
        yield return new("""{"id":"x/y","trendingScore":1e400}""", "trendingScore is not a finite number (out of range)");
        yield return new("""{"id":"x/y","trendingScore":-1e400}""", "trendingScore is not a finite number (out of range)");
        yield return new("""{"id":"x/y","trendingScore":"hot"}""", "trendingScore is not a number (a string)");
        yield return new("""{"id":"x/y","trendingScore":[]}""", "trendingScore is not a number (a list)");
        yield return new("""{"id":"x/y","createdAt":"yesterday"}""", "createdAt is not a date: 'yesterday'");
        yield return new("""{"id":"x/y","createdAt":"2024-13-45"}""", "createdAt is not a date: '2024-13-45'");
        yield return new("""{"id":"x/y","private":"yes"}""", "private is not a boolean");
        yield return new("""{"id":"x/y","gated":5}""", "gated is not a boolean or string");
        yield return new("""{"id":"x/y","cardData":[1]}""", "cardData is not an object (a list)");
        yield return new("""{"id":"x/y","card_data":5}""", "card_data is not a string (a number)");
        yield return new("""{"id":"x/y","baseModels":"x"}""", "baseModels is not an object");
        yield return new("""{"id":""}""", "empty id");
        yield return new("""{"id":"   "}""", "empty id");
        yield return new("""{"downloads":3}""", "missing id");
        foreach (var (escape, code) in new[] { ("\\u0000", "0000"), ("\\u0001", "0001"), ("\\u001b[31m", "001B"), ("\\n", "000A"), ("\\t", "0009"), ("\\u007f", "007F"), ("\\u0085", "0085"), ("\\u009b", "009B") })
        {
            yield return new($$"""{"id":"x/bad{{escape}}id"}""", $"id contains the control character U+{code} at position 6");
        }
        yield return new("""{"id":"half \ud800 pair"}""", "id" + Lone, Surrogate: true);
        foreach (var field in new[] { "author", "pipeline_tag", "library_name" })
        {
            yield return new($$"""{"id":"x/y","{{field}}":"half \ud800 pair"}""", field + Lone, Surrogate: true);
        }
        yield return new("""{"id":"x/y","tags":["ok","\udfff"]}""", "tags[1]" + Lone, Surrogate: true);
        yield return new("""{"id":"x/y","cardData":{"license":"\udbff"}}""", "cardData.license" + Lone, Surrogate: true);
        yield return new("""{"id":"x/y","cardData":{"base_model":["a/b","\ud83d"]}}""", "cardData.base_model[1]" + Lone, Surrogate: true);
        yield return new("""{"id":"x/y","\ud800":1}""", "(a property name)" + Lone, Surrogate: true);
    }

    /// <summary>Lines that are not a JSON object at all.</summary>
    private static IEnumerable<Bad> BadLines()
    {
        yield return new("""{"id": }""", "bad JSON: …");
        yield return new("""{"id":"x/y""", "bad JSON: …");
        yield return new("""{"id":"x/y"} trailing""", "bad JSON: 't' is invalid after a single JSON value…");
        yield return new("[1,2]", "not a JSON object");
        yield return new("\"just a string\"", "not a JSON object");
        yield return new("42", "not a JSON object");
        yield return new("null", "not a JSON object");
        yield return new("<html>", "bad JSON: …");
    }

    /// <summary>Harmless oddities that land: a key given twice (the last value counts, as in every JSON parser the Hub's data passes through) and a huge field.</summary>
    private static IEnumerable<(string Json, string Id)> OddButGood(int i)
    {
        yield return ($$"""{"id":"bad/first","downloads":1,"id":"good/dup{{i}}","downloads":2}""", $"good/dup{i}");
        yield return ($$"""{"id":"good/huge{{i}}","pipeline_tag":"{{new string('p', 200_000)}}","tags":[{{string.Join(",", Enumerable.Range(0, 3000).Select(t => $"\"t{t}\""))}}]}""", $"good/huge{i}");
    }

    private static string Good(int i) => $$"""{"id":"good/m{{i}}","downloads":{{i}},"tags":["license:mit","en"],"trendingScore":{{i}}.5}""";

    private static bool Matches(string reason, string expected) =>
        expected.EndsWith('…') ? reason.StartsWith(expected[..^1], StringComparison.Ordinal) : reason == expected;

    /// <summary>Imports <paramref name="path"/> and checks the ids that land and every reject's line and reason, exactly.</summary>
    private void AssertOutcome(string path, IEnumerable<string> goodIds, IEnumerable<(long Line, string Reason)> bad)
    {
        var rejects = new List<ImportReject>();
        _catalog.Import(rejects, path);
        Assert.Equal([.. goodIds.Order(StringComparer.Ordinal)], _catalog.Rows("SELECT id FROM models ORDER BY id"));
        var expected = bad.OrderBy(b => b.Line).ToArray();
        var actual = rejects.OrderBy(r => r.Line).ToArray();
        Assert.Equal(expected.Select(b => b.Line), actual.Select(r => r.Line));
        var wrong = expected.Zip(actual).Where(pair => !Matches(pair.Second.Reason, pair.First.Reason))
            .Select(pair => $"{pair.Second.Line}: got '{pair.Second.Reason}', expected '{pair.First.Reason}'").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
        Assert.All(rejects, r => Assert.Equal(path, r.Source));
        Assert.All(rejects, r => Assert.StartsWith($"{path}:{r.Line}: {r.Reason}", r.ToString(), StringComparison.Ordinal));
    }

    private static IEnumerable<string> GoodIds(int count) => Enumerable.Range(0, count).Select(i => $"good/m{i}");

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Json_lines_variants_are_each_rejected_by_line(string newline)
    {
        var bad = BadObjects().Concat(BadLines()).ToArray();
        Assert.True(bad.Length >= 40);
        var lines = new List<byte[]> { Encoding.UTF8.GetBytes("\uFEFF" + Good(bad.Length + 1)) }; // a byte-order mark before the first record
        var ids = new List<string> { $"good/m{bad.Length + 1}" };
        var expected = new List<(long, string)>();
        for (var i = 0; i < bad.Length; i++)
        {
            lines.Add(Encoding.UTF8.GetBytes(Good(i)));
            ids.Add($"good/m{i}");
            lines.Add(Encoding.UTF8.GetBytes(bad[i].Json));
            expected.Add((lines.Count, bad[i].Reason));
        }
        lines.Add([.. "{\"id\":\"x/"u8, 0xFF, 0xFE, .. "\"}"u8]); // invalid UTF-8
        expected.Add((lines.Count, "invalid UTF-8"));
        lines.Add([.. "{\"id\":\"x/"u8, 0xED, 0xA0, 0x80, .. "\"}"u8]); // a lone surrogate encoded as bytes (CESU-8)
        expected.Add((lines.Count, "invalid UTF-8"));
        lines.Add([]);
        lines.Add("   \t"u8.ToArray()); // blank lines are skipped, not rejected
        foreach (var (json, id) in OddButGood(0))
        {
            lines.Add(Encoding.UTF8.GetBytes(json));
            ids.Add(id);
        }
        lines.Add(Encoding.UTF8.GetBytes(Good(bad.Length)));
        ids.Add($"good/m{bad.Length}");
        lines.Add(Encoding.UTF8.GetBytes("""{"id":"x/cut","downloads":1""")); // the last line, cut short without a newline
        expected.Add((lines.Count, "bad JSON: …"));
        var newlineBytes = Encoding.UTF8.GetBytes(newline);
        var path = _catalog.WriteBytes("fuzz.jsonl", [.. lines.SelectMany((l, i) => i == lines.Count - 1 ? l : [.. l, .. newlineBytes])]);

        AssertOutcome(path, ids, expected);
    }

    /// <summary>Array elements that are not objects.</summary>
    private static IEnumerable<Bad> BadElements()
    {
        yield return new("[1]", "not a JSON object (a list)");
        yield return new("\"text\"", "not a JSON object (a string)");
        yield return new("7", "not a JSON object (a number)");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Json_array_variants_are_each_rejected_by_line(string newline)
    {
        var bad = BadObjects().Concat(BadElements()).ToArray();
        Assert.True(bad.Length >= 40);
        var lines = new List<string> { "\uFEFF[" };
        var ids = new List<string>();
        var expected = new List<(long, string)>();
        for (var i = 0; i < bad.Length; i++)
        {
            lines.Add(Good(i) + ",");
            ids.Add($"good/m{i}");
            lines.Add(bad[i].Json + ",");
            expected.Add((lines.Count, bad[i].Reason));
        }
        foreach (var (json, id) in OddButGood(0))
        {
            lines.Add(json + ",");
            ids.Add(id);
        }
        lines.Add(Good(bad.Length));
        ids.Add($"good/m{bad.Length}");
        lines.Add("]");
        lines.Add("garbage after the array");
        expected.Add((lines.Count, "bad JSON: 'g' is invalid after a single JSON value…"));
        var path = _catalog.Write("fuzz.json", string.Join(newline, lines) + newline);

        AssertOutcome(path, ids, expected);
    }

    [Fact]
    public void A_json_array_cut_short_keeps_the_elements_before_the_cut()
    {
        var path = _catalog.Write("cut.json", "[\n" + Good(0) + ",\n" + Good(1) + ",\n" + """{"id":"x/cut","tags":["a",""" + "\n");

        // The parser finds the cut at the end of the data: the line after the last one.
        AssertOutcome(path, GoodIds(2), [(5, "bad JSON: …")]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Model_info_json_variants_are_each_rejected_by_line(string newline)
    {
        // A field path inside metadata is named from the model-info entry: metadata.author.
        var bad = BadObjects().Where(NeedsItsOwnId)
            .Select(b => new Bad($$"""{"model_id":"m/x","metadata":{{b.Json}}}""", b.Surrogate ? "metadata." + b.Reason : b.Reason))
            .Concat([
                new("""{"model_id":5,"metadata":{}}""", "model_id is not a string"),
                new("""{"model_id":"m/x"}""", "missing metadata"),
                new("""{"model_id":"m/x","metadata":null}""", "missing metadata"),
                new("""{"model_id":"m/x","metadata":7}""", "metadata is not a JSON object or string"),
                new("[1]", "not a JSON object"),
                new("""{"model_id":"\ud800","metadata":{"id":"m/x"}}""", "model_id" + Lone),
                new("""{"model_id":"m/x","metadata":"{not json"}""", "metadata: bad JSON: …"),
                new("""{"model_id":"m/x","metadata":"  "}""", "empty metadata"),
                new("""{"model_id":"m/x","metadata":"{\"id\":\"x/y\",\"downloads\":-4}"}""", "downloads is negative (-4)"),
            ])
            .ToArray();
        Assert.True(bad.Length >= 40);
        var lines = new List<string> { "\uFEFF{\"models\": [" };
        var ids = new List<string>();
        var expected = new List<(long, string)>();
        for (var i = 0; i < bad.Length; i++)
        {
            lines.Add($$"""{"model_id":"good/m{{i}}","metadata":{{Good(i)}}},""");
            ids.Add($"good/m{i}");
            lines.Add(bad[i].Json + ",");
            expected.Add((lines.Count, bad[i].Reason));
        }
        lines.Add("""{"model_id":"good/noid","metadata":{"downloads":3}},"""); // a record without an id takes the entry's model_id
        ids.Add("good/noid");
        lines.Add($$"""{"model_id":"good/last","metadata":"{\"id\":\"good/last\"}"}""");
        ids.Add("good/last");
        lines.Add("]} trailing");
        expected.Add((lines.Count, "bad JSON: 't' is invalid after a single JSON value…"));
        var path = _catalog.Write("fuzz-info.json", string.Join(newline, lines) + newline);
        Assert.Equal(InputFormat.ModelInfoJson, FormatSniffer.Detect(path));

        AssertOutcome(path, ids, expected);
    }

    /// <summary>
    /// The reason for a record given as model-info CSV <c>metadata</c> text: the reader's own reasons get <c>metadata: </c>, the record
    /// checks every format shares (control characters, negative counts, infinite scores) read the same as everywhere.
    /// </summary>
    private static string InMetadataText(Bad bad)
    {
        string[] shared = ["id contains the control character", "downloads is negative", "likes is negative", "trendingScore is not a finite number"];
        if (shared.Any(prefix => bad.Reason.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return bad.Reason;
        }
        var kind = bad.Json switch { "[1,2]" => " (a list)", "\"just a string\"" => " (a string)", "42" => " (a number)", "null" => " (a null)", _ => "" };
        return "metadata: " + bad.Reason + (bad.Reason == "not a JSON object" ? kind : "");
    }

    /// <summary>A record without an id takes the model-info row's <c>model_id</c>: that variant is good there.</summary>
    private static bool NeedsItsOwnId(Bad bad) => bad.Json != """{"downloads":3}""";

    private static string Cell(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Model_info_csv_variants_are_each_rejected_by_line(string newline)
    {
        var bad = BadObjects().Where(NeedsItsOwnId).Concat(BadLines())
            .Select(b => new Bad("m/x," + Cell(b.Json), InMetadataText(b)))
            .Concat([
                new("m/x", "expected 2 columns, found 1"),
                new("m/x,{},extra", "expected 2 columns, found 3"),
                new("m/x,", "empty metadata"),
                new("m/x,nan", "empty metadata"), // pandas writes a missing value as nan
                new("m/x," + Cell("""{"id":"x/y"} {"id":"z"}"""), "metadata: bad JSON: …"),
            ])
            .ToArray();
        Assert.True(bad.Length >= 40);
        var rows = new List<byte[]> { "\uFEFFmodel_id,metadata"u8.ToArray() };
        var ids = new List<string>();
        var expected = new List<(long, string)>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add(Encoding.UTF8.GetBytes($"good/m{i}," + Cell(Good(i))));
            ids.Add($"good/m{i}");
            rows.Add(Encoding.UTF8.GetBytes(bad[i].Json));
            expected.Add((rows.Count, bad[i].Reason));
        }
        rows.Add([.. "m/x,\"{\"\"id\"\":\"\"x/"u8, 0xFF, .. "\"\"}\""u8]);
        expected.Add((rows.Count, "invalid UTF-8"));
        rows.Add(Encoding.UTF8.GetBytes("good/fffd," + Cell("""{"id":"good/fffd","pipeline_tag":"a � b"}""")));
        ids.Add("good/fffd");
        rows.Add(Encoding.UTF8.GetBytes("good/multiline," + Cell("{\"id\":\"good/multiline\",\n\"downloads\":5}")));
        ids.Add("good/multiline");
        rows.Add(Encoding.UTF8.GetBytes("m/x," + Cell("""{"id":"x/y","likes":-2}""")));
        expected.Add((rows.Count + 1, "likes is negative (-2)")); // the line after the two-line cell above
        foreach (var (json, id) in OddButGood(0))
        {
            rows.Add(Encoding.UTF8.GetBytes(id + "," + Cell(json)));
            ids.Add(id);
        }
        var newlineBytes = Encoding.UTF8.GetBytes(newline);
        var path = _catalog.WriteBytes("fuzz-info.csv", [.. rows.SelectMany(r => r.Concat(newlineBytes))]);

        AssertOutcome(path, ids, expected);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Weekly_csv_variants_are_each_rejected_by_line(string newline)
    {
        var bad = Enumerable.Range(0, 20).Select(i => new Bad($"w/m,kind{i},w/base", $"unknown Type 'kind{i}'"))
            .Concat(Enumerable.Range(0, 8).Select(i => new Bad($",finetune,w/base{i}", "empty Model ID")))
            .Concat([
                new("w/m", "expected 3 columns, found 1"), new("w/m,finetune", "expected 3 columns, found 2"), new("w/m,finetune,a,b", "expected 3 columns, found 4"),
                new("w/m,,,", "expected 3 columns, found 4"), new("\"w/m\",merge,w/a,w/b,w/c", "expected 3 columns, found 5"), new(" ,finetune,w/base", "empty Model ID"),
            ])
            .Concat(new[] { ("\u0000", "0000"), ("\u0001", "0001"), ("\u001b[2J", "001B"), ("\u007f", "007F"), ("\u0085", "0085"), ("\u009b", "009B"), ("\u0007", "0007") }
                .Select(c => new Bad($"w/bad{c.Item1}id,finetune,w/base", $"id contains the control character U+{c.Item2} at position 6")))
            .ToArray();
        Assert.True(bad.Length >= 40);
        var rows = new List<byte[]> { "\uFEFFModel ID,Type,Base Model"u8.ToArray() };
        var ids = new List<string>();
        var expected = new List<(long, string)>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add(Encoding.UTF8.GetBytes($"good/m{i},{(i % 2 == 0 ? "finetune" : "")},{(i % 3 == 0 ? "" : "w/base")}"));
            ids.Add($"good/m{i}");
            rows.Add(Encoding.UTF8.GetBytes(bad[i].Json));
            expected.Add((rows.Count, bad[i].Reason));
        }
        rows.Add([.. "w/bad"u8, 0xC3, 0x28, .. ",finetune,w/base"u8]);
        expected.Add((rows.Count, "invalid UTF-8"));
        rows.Add(Encoding.UTF8.GetBytes("good/fffd-�,finetune,w/base"));
        ids.Add("good/fffd-�");
        rows.Add(Encoding.UTF8.GetBytes("good/" + new string('h', 100_000) + ",adapter,w/base"));
        ids.Add("good/" + new string('h', 100_000));
        var newlineBytes = Encoding.UTF8.GetBytes(newline);
        var path = _catalog.WriteBytes("fuzz-weekly.csv", [.. rows.SelectMany(r => r.Concat(newlineBytes))]);

        AssertOutcome(path, ids, expected);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Study_csv_variants_are_each_rejected_by_line(string newline)
    {
        const string header = "model_id,likes,trendingScore,downloads,tags,createdAt";
        var bad = new[] { "many", "-1", "1.5", "[]", "x1" }.Select(v => new Bad($"s/m,{v},0,1,[],", v == "-1" ? "likes is negative (-1)" : $"likes is not a whole number: '{v}'"))
            .Concat(new[] { "many", "-5", "2.5", "True" }.Select(v => new Bad($"s/m,1,0,{v},[],", v == "-5" ? "downloads is negative (-5)" : $"downloads is not a whole number: '{v}'")))
            .Concat(new[] { "hot", "1e400", "-1e400", "[1]" }.Select(v => new Bad($"s/m,1,{v},1,[],", v.EndsWith("e400", StringComparison.Ordinal)
                ? "trendingScore is not a finite number (out of range)" : $"trendingScore is not a number: '{v}'")))
            .Concat(new[] { "'a'", "[1, 2]", "['unclosed", "{'a': 1}", "[None]" }.Select(v => new Bad($"s/m,1,0,1,{Cell(v)},", "tags is not a list: …")))
            .Concat(new[] { "yesterday", "2024-13-45", "12" }.Select(v => new Bad($"s/m,1,0,1,[],{v}", $"createdAt is not a date: '{v}'")))
            .Concat([
                new("s/m,1,0,1,[]", "expected 6 columns, found 5"), new("s/m,1,0,1,[],,extra", "expected 6 columns, found 7"),
                new(",1,0,1,[],", "empty model_id"), new("nan,1,0,1,[],", "empty model_id"),
            ])
            .Concat(new[] { ("\u0000", "0000"), ("\u0001", "0001"), ("\u001b[2J", "001B"), ("\u007f", "007F"), ("\u0085", "0085"), ("\u009b", "009B"), ("\u0007", "0007"), ("\t", "0009") }
                .Select(c => new Bad($"s/bad{c.Item1}id,1,0,1,[],", $"id contains the control character U+{c.Item2} at position 6")))
            .Concat(Enumerable.Range(0, 8).Select(i => new Bad($"s/m{i},-{i + 1},0,1,[],", $"likes is negative (-{i + 1})")))
            .ToArray();
        Assert.True(bad.Length >= 40);
        var rows = new List<byte[]> { Encoding.UTF8.GetBytes("\uFEFF" + header) };
        var ids = new List<string>();
        var expected = new List<(long, string)>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"good/m{i},{i},{i}.5,{i * 10},{Cell("['license:mit', 'en']")},2024-08-01T12:00:00.000Z")));
            ids.Add($"good/m{i}");
            rows.Add(Encoding.UTF8.GetBytes(bad[i].Json));
            expected.Add((rows.Count, bad[i].Reason));
        }
        rows.Add([.. "s/bad"u8, 0xF0, 0x28, 0x8C, 0x28, .. ",1,0,1,[],"u8]);
        expected.Add((rows.Count, "invalid UTF-8"));
        rows.Add(Encoding.UTF8.GetBytes("good/huge,1,0,1," + Cell("[" + string.Join(", ", Enumerable.Range(0, 5000).Select(t => $"'t{t}'")) + "]") + ","));
        ids.Add("good/huge");
        var newlineBytes = Encoding.UTF8.GetBytes(newline);
        var path = _catalog.WriteBytes("fuzz-study.csv", [.. rows.SelectMany(r => r.Concat(newlineBytes))]);
        Assert.Equal(InputFormat.StudyCsv, FormatSniffer.Detect(path));

        AssertOutcome(path, ids, expected);
    }
}
