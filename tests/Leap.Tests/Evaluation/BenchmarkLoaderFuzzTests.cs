using System.Text;
using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

/// <summary>
/// Generated malformed variants of <c>leap eval --benchmark</c> files (JSON Lines and a JSON array), each placed between good items:
/// a benchmark with a bad item does not run short, so every variant is one error naming the file, the bad item's line and
/// the field with its reason; the good file, and the harmless variants (BOM, CRLF, blank lines, numbers), load every id exactly.
/// </summary>
public sealed class BenchmarkLoaderFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leap-bench-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string G1 = """{"id":"g1","problem":"1+1?","answer":"2"}""";
    private const string G2 = """{"id":"g2","question":"Pick one","answer":"B","options":{"A":"x","B":"y"}}""";
    private const string G3 = """{"id":"g3","problem":"2+2?","answer":4}""";

    /// <summary>Malformed items that still parse as JSON objects: (item, field at fault or null, the reason as written).</summary>
    private static IEnumerable<(string Item, string? Field, string Problem)> BadItems()
    {
        const string missingProblem = "missing (expected a string field 'problem' or 'question')";
        yield return ("""{"id":"b","answer":"1"}""", "problem", missingProblem);
        yield return ("""{"id":"b","problem":null,"answer":"1"}""", "problem", missingProblem);
        yield return ("""{"id":"b","problem":"","answer":"1"}""", "problem", "is empty");
        yield return ("""{"id":"b","problem":"  \t ","answer":"1"}""", "problem", "is empty");
        yield return ("""{"id":"b","problem":"q"}""", "answer", "missing (expected a string or a number)");
        yield return ("""{"id":"b","problem":"q","answer":null}""", "answer", "missing (expected a string or a number)");
        yield return ("""{"id":"b","problem":"q","answer":""}""", "answer", "is empty");
        yield return ("""{"id":"b","problem":"q","answer":" "}""", "answer", "is empty");
        foreach (var (value, kind) in new[] { ("true", "True"), ("false", "False"), ("[]", "Array"), ("{}", "Object") })
        {
            yield return ($$"""{"id":"b","problem":{{value}},"answer":"1"}""", "problem", $"expected a string or a number, found {kind}");
            yield return ($$"""{"id":"b","problem":"q","answer":{{value}}}""", "answer", $"expected a string or a number, found {kind}");
            yield return ($$"""{"id":{{value}},"problem":"q","answer":"1"}""", "id", $"expected a string or a number, found {kind}");
        }
        const string lone = "holds a lone surrogate escape (such as \\ud800), which is not text";
        yield return ("""{"id":"b","problem":"x \ud800 y","answer":"1"}""", "problem", lone);
        yield return ("""{"id":"b","problem":"q","answer":"\udfff"}""", "answer", lone);
        yield return ("""{"id":"\udbff","problem":"q","answer":"1"}""", "id", lone);
        yield return ("""{"id":"b","problem":"q","answer":"A","options":["x","\ud83d"]}""", "options[1]", lone);
        yield return ("""{"id":"b","problem":"q","answer":"A","options":["x"]}""", "options", "a multiple-choice item needs at least 2 options, found 1");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":[]}""", "options", "a multiple-choice item needs at least 2 options, found 0");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":5}""", "options", "expected an object keyed A–D or an array, found Number");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":"AB"}""", "options", "expected an object keyed A–D or an array, found String");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":[1,2]}""", "options", "every option must be a string");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":{"A":"x","C":"y"}}""", "options", "letters must run from A without gaps; 'B' is missing");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":{"AA":"x","B":"y"}}""", "options", "key 'AA' must be a single letter with a string value");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":{"A":1,"B":"y"}}""", "options", "key 'A' must be a single letter with a string value");
        yield return ("""{"id":"b","problem":"q","answer":"A","options":{"A":"x","B":null}}""", "options", "key 'B' must be a single letter with a string value");
        yield return ("""{"id":"b","problem":"q","answer":"E","options":["x","y"]}""", "answer", "'E' is neither a letter A–B nor the text of an option");
        yield return ("""{"id":"b","problem":"q","answer":"Z","choices":["x","y","z"]}""", "answer", "'Z' is neither a letter A–C nor the text of an option");
        yield return ("""{"id":"b","problem":"q","answer":"A","A":"x","B":5}""", "B", "option must be a string");
        yield return ("""{"id":"b","problem":"q","answer":"A","A":"x"}""", "options", "a multiple-choice item needs at least 2 options, found 1");
        yield return ("""{"id":"g1","problem":"again","answer":"1"}""", "id", "duplicate id 'g1' (first at line {G1})");
    }

    /// <summary>Items with a key given twice: which value counts would be a silent choice.</summary>
    private static IEnumerable<(string Item, string? Field, string Problem)> DuplicatedKeys()
    {
        foreach (var key in new[] { "answer", "problem", "id", "options" })
        {
            var value = key == "options" ? """["x","y"]""" : "\"v\"";
            yield return ($$"""{"id":"b","problem":"q","answer":"A","options":["p","q"],"{{key}}":{{value}}}""", null, $"invalid JSON: Duplicate property '{key}' encountered during deserialization.");
        }
    }

    /// <summary>JSON Lines lines that are not an object at all.</summary>
    private static IEnumerable<(byte[] Line, string Problem)> BadLines()
    {
        yield return ("""{"id":"b","problem":"q" """u8.ToArray(), "invalid JSON: ");
        yield return ("""{"id":"b","problem":"q","answer":"1"} trailing"""u8.ToArray(), "invalid JSON: 't' is invalid after a single JSON value. Expected end of data.");
        yield return ("""{"id":"b","problem":"q","answer":"1"}{"id":"c"}"""u8.ToArray(), "invalid JSON: '{' is invalid after a single JSON value. Expected end of data.");
        yield return ("[1,2]"u8.ToArray(), "expected a JSON object, found Array");
        yield return ("\"text\""u8.ToArray(), "expected a JSON object, found String");
        yield return ("42"u8.ToArray(), "expected a JSON object, found Number");
        yield return ("null"u8.ToArray(), "expected a JSON object, found Null");
        yield return ("<html>"u8.ToArray(), "invalid JSON: ");
        yield return ([.. """{"id":"b","problem":"q"""u8, 0xFF, 0xFE, .. "\",\"answer\":\"1\"}"u8], "invalid UTF-8");
        yield return ([.. """{"id":"b","problem":"q"""u8, 0xED, 0xA0, 0x80, .. "\",\"answer\":\"1\"}"u8], "invalid UTF-8"); // a CESU-8 lone surrogate
        yield return ([.. """{"id":"b","problem":"q"""u8, 0x00, .. "\",\"answer\":\"1\"}"u8], "invalid JSON: ");
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The expected message: <c>file:line: field 'f': problem</c>, <c>{G1}</c> standing for the first good item's line.</summary>
    private static string Expected(string path, int line, string? field, string problem, int g1Line)
    {
        problem = problem.Replace("{G1}", g1Line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return field is null ? $"{path}:{line}: {problem}" : $"{path}:{line}: field '{field}': {problem}";
    }

    /// <summary>Null when loading <paramref name="path"/> fails with <paramref name="expected"/> (or a message starting with it, for parser wording).</summary>
    private static string? Mismatch(string path, string expected)
    {
        try
        {
            var items = BenchmarkLoader.Load(path);
            return $"{Path.GetFileName(path)}: loaded {items.Count} items, expected '{expected}'";
        }
        catch (BenchmarkFormatException e)
        {
            var ok = expected.EndsWith(": ", StringComparison.Ordinal) ? e.Message.StartsWith(expected, StringComparison.Ordinal) : e.Message == expected;
            return ok ? null : $"{Path.GetFileName(path)}: got '{e.Message}', expected '{expected}'";
        }
    }

    [Fact]
    public void Json_lines_variants_are_each_one_error_naming_file_line_and_field()
    {
        var variants = BadItems().Concat(DuplicatedKeys()).Select(v => (Line: Utf8(v.Item), v.Field, v.Problem))
            .Concat(BadLines().Select(v => (v.Line, Field: (string?)null, v.Problem)))
            .ToArray();
        Assert.True(variants.Length >= 40, $"{variants.Length} variants");
        var failures = new List<string>();
        for (var i = 0; i < variants.Length; i++)
        {
            var (line, field, problem) = variants[i];
            byte[] content = [.. Utf8(G1 + "\n\n" + G2 + "\n"), .. line, .. Utf8("\n" + G3 + "\n")];
            var path = Write($"v{i}.jsonl", content);
            if (Mismatch(path, Expected(path, 4, field, problem, g1Line: 1)) is { } failure)
            {
                failures.Add(failure);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Json_array_variants_are_each_one_error_naming_file_line_and_field()
    {
        var variants = BadItems().Concat(DuplicatedKeys())
            .Concat([
                ("[1]", null, "expected an object for item 3, found StartArray"),
                ("\"text\"", null, "expected an object for item 3, found String"),
                ("7", null, "expected an object for item 3, found Number"),
                ("null", null, "expected an object for item 3, found Null"),
                ("""{"id":"b","problem":q}""", null, "invalid JSON: "),
                ("""{"id":"b" "problem":"q"}""", null, "invalid JSON: "),
            ])
            .ToArray();
        Assert.True(variants.Length >= 40, $"{variants.Length} variants");
        var failures = new List<string>();
        for (var i = 0; i < variants.Length; i++)
        {
            var (item, field, problem) = variants[i];
            var path = Write($"v{i}.json", Utf8($"[\n{G1},\n{G2},\n{item},\n{G3}\n]\n"));
            if (Mismatch(path, Expected(path, 4, field, problem, g1Line: 2)) is { } failure)
            {
                failures.Add(failure);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("garbage after the array", "]\ngarbage\n", 6, "invalid JSON: 'g' is invalid after a single JSON value")]
    [InlineData("a second array", "]\n[]\n", 6, "invalid JSON: '[' is invalid after a single JSON value")]
    [InlineData("no closing bracket", "\n", 0, "invalid JSON: ")]
    [InlineData("cut inside the last item", null, 0, "invalid JSON: ")]
    public void A_json_array_with_garbage_after_it_or_cut_short_is_one_error(string variant, string? tail, int line, string problem)
    {
        var body = $"[\n{G1},\n{G2},\n{G3}\n";
        var content = tail is null ? body[..^12] : body + tail;
        var path = Write(variant.Replace(' ', '-') + ".json", Utf8(content));

        var error = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(path));

        if (line > 0)
        {
            Assert.Equal(line, error.Line);
        }
        Assert.StartsWith(line > 0 ? $"{path}:{line}: {problem}" : path + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".json")]
    public void Harmless_variants_load_every_id_exactly(string extension)
    {
        // A BOM, CRLF line ends, blank lines, trailing commas in arrays, numbers as answers (1e400 stays text), a NUL and an ESC inside ids.
        string[] items = [G1, G2, G3, """{"id":"n\u0000ul","problem":"q","answer":1e400}""", """{"id":"e\u001b[2Jsc","problem":"q","answer":"-0"}""", """{"problem":"unnamed","answer":"x"}"""];
        var text = extension == ".jsonl"
            ? "\uFEFF" + string.Join("\r\n\r\n", items) + "\r\n"
            : "\uFEFF[\r\n" + string.Join(",\r\n", items) + ",\r\n]\r\n";
        var path = Write("good" + extension, Utf8(text));

        var loaded = BenchmarkLoader.Load(path, new BenchmarkLoadOptions { ShuffleOptions = false });

        Assert.Equal(["g1", "g2", "g3", "n\0ul", "e\u001b[2Jsc", "6"], loaded.Select(i => i.Id));
        Assert.Equal(["2", "B", "4", "1e400", "-0", "x"], loaded.Select(i => i.Answer));
    }
}
