using System.Globalization;
using System.Text.Json;
using Kinship.Randomness;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Reads benchmark files: a JSON array of items (the AIME/AIMO/GPQA files of the LeaP release) or JSON Lines,
/// one item per line. Fields: <c>problem</c> (or <c>question</c>), <c>answer</c> (string or number),
/// optional <c>id</c>, optional <c>options</c> (an object keyed A–D, an array, or top-level fields <c>A</c>…<c>D</c>).
/// </summary>
/// <remarks>
/// Ids: the <c>id</c> field when present; AIME 2024 items without one get <c>2024-I-1</c>…<c>2024-II-15</c>
/// (<c>problem_number</c> 0 means problem 15); otherwise the 1-based position. Multiple-choice answers are letters
/// (or the text of one option); options are shuffled per item unless <see cref="BenchmarkLoadOptions.ShuffleOptions"/> is off.
/// </remarks>
public static class BenchmarkLoader
{
    /// <summary>A key given twice (two <c>answer</c>s) is an error, never a silent choice of one value.</summary>
    private static readonly JsonDocumentOptions ItemOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Loads every item of <paramref name="path"/>; any bad item is an error naming the file, line and field.</summary>
    public static IReadOnlyList<BenchmarkItem> Load(string path, BenchmarkLoadOptions? options = null)
    {
        options ??= new BenchmarkLoadOptions();
        if (!File.Exists(path))
        {
            throw new BenchmarkFormatException(path, 0, null, "file not found");
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..]; // a byte-order mark is not JSON; Utf8JsonReader would fail on it
        }
        if (FirstInvalidUtf8(bytes) is { } invalid)
        {
            throw new BenchmarkFormatException(path, LineOf(bytes, invalid), null, "invalid UTF-8");
        }
        var items = IsJsonArray(bytes) ? ReadArray(path, bytes, options) : ReadLines(path, bytes, options);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (item, line) in items)
        {
            if (!seen.TryAdd(item.Id, line))
            {
                throw new BenchmarkFormatException(path, line, "id", $"duplicate id '{item.Id}' (first at line {seen[item.Id]})");
            }
        }
        if (items.Count == 0)
        {
            throw new BenchmarkFormatException(path, 0, null, "no problems in the file");
        }
        return items.Select(i => i.Item).ToArray();
    }

    private static bool IsJsonArray(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }
            return b == (byte)'[';
        }
        return false;
    }

    private static List<(BenchmarkItem Item, int Line)> ReadArray(string path, byte[] bytes, BenchmarkLoadOptions options)
    {
        var result = new List<(BenchmarkItem, int)>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            reader.Read(); // StartArray
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                var line = LineOf(bytes, start);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new BenchmarkFormatException(path, line, null, $"expected an object for item {result.Count + 1}, found {reader.TokenType}");
                }
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                using var doc = ParseItemJson(bytes.AsMemory(start, end - start), path, line);
                result.Add((ParseItem(doc.RootElement, path, line, result.Count, options), line));
            }
            // Anything but whitespace after the array is an error here, not silently ignored.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new BenchmarkFormatException(path, (int)(e.LineNumber ?? 0) + 1, null, "invalid JSON: " + FirstSentence(e.Message));
        }
        return result;
    }

    /// <summary>Parses one array element; an error (a duplicated key) names the element's line, not a line within it.</summary>
    private static JsonDocument ParseItemJson(ReadOnlyMemory<byte> json, string path, int line)
    {
        try
        {
            return JsonDocument.Parse(json, ItemOptions);
        }
        catch (JsonException e)
        {
            throw new BenchmarkFormatException(path, line + (int)(e.LineNumber ?? 0), null, "invalid JSON: " + FirstSentence(e.Message));
        }
    }

    private static List<(BenchmarkItem Item, int Line)> ReadLines(string path, byte[] bytes, BenchmarkLoadOptions options)
    {
        var result = new List<(BenchmarkItem, int)>();
        var lineNumber = 0;
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        var offset = bytes.Length - span.Length;
        while (offset < bytes.Length)
        {
            lineNumber++;
            var rest = bytes.AsSpan(offset);
            var newline = rest.IndexOf((byte)'\n');
            var length = newline < 0 ? rest.Length : newline;
            var line = bytes.AsMemory(offset, length);
            offset += newline < 0 ? rest.Length : newline + 1;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line, ItemOptions);
            }
            catch (JsonException e)
            {
                throw new BenchmarkFormatException(path, lineNumber, null, "invalid JSON: " + FirstSentence(e.Message));
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new BenchmarkFormatException(path, lineNumber, null, $"expected a JSON object, found {doc.RootElement.ValueKind}");
                }
                result.Add((ParseItem(doc.RootElement, path, lineNumber, result.Count, options), lineNumber));
            }
        }
        return result;
    }

    private static BenchmarkItem ParseItem(JsonElement e, string path, int line, int index, BenchmarkLoadOptions options)
    {
        if (Kinship.Files.JsonStrings.FirstLoneSurrogate(e) is { } field)
        {
            throw new BenchmarkFormatException(path, line, field, "holds a lone surrogate escape (such as \\ud800), which is not text");
        }
        return ParseFields(e, path, line, index, options);
    }

    private static BenchmarkItem ParseFields(JsonElement e, string path, int line, int index, BenchmarkLoadOptions options)
    {
        var problem = (Text(e, "problem", path, line) ?? Text(e, "question", path, line))
            ?? throw new BenchmarkFormatException(path, line, "problem", "missing (expected a string field 'problem' or 'question')");
        if (string.IsNullOrWhiteSpace(problem))
        {
            throw new BenchmarkFormatException(path, line, "problem", "is empty");
        }
        var answer = Text(e, "answer", path, line)
            ?? throw new BenchmarkFormatException(path, line, "answer", "missing (expected a string or a number)");
        if (string.IsNullOrWhiteSpace(answer))
        {
            throw new BenchmarkFormatException(path, line, "answer", "is empty");
        }
        var id = Text(e, "id", path, line) ?? AimeId(e) ?? (index + 1).ToString(CultureInfo.InvariantCulture);
        var choices = Options(e, path, line);
        if (choices is null)
        {
            return new BenchmarkItem(id, problem, answer.Trim());
        }
        var correct = CorrectIndex(answer.Trim(), choices, path, line);
        var order = Enumerable.Range(0, choices.Count).ToArray();
        if (options.ShuffleOptions)
        {
            new SeededRandom(options.OptionSeed ^ StableHash(id)).Shuffle(order.AsSpan());
        }
        var shuffled = order.Select(i => choices[i]).ToArray();
        return new BenchmarkItem(id, problem, BenchmarkItem.Letter(Array.IndexOf(order, correct)), shuffled);
    }

    private static int CorrectIndex(string answer, IReadOnlyList<string> choices, string path, int line)
    {
        var letter = answer.Trim('(', ')', ' ', '.');
        if (letter.Length == 1 && char.ToUpperInvariant(letter[0]) is var c && c >= 'A' && c < 'A' + choices.Count)
        {
            return c - 'A';
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Trim(), answer, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new BenchmarkFormatException(path, line, "answer", $"'{answer}' is neither a letter A–{BenchmarkItem.Letter(choices.Count - 1)} nor the text of an option");
    }

    private static List<string>? Options(JsonElement e, string path, int line)
    {
        List<string>? list = null;
        if (e.TryGetProperty("options", out var o) || e.TryGetProperty("choices", out o))
        {
            list = [];
            switch (o.ValueKind)
            {
                case JsonValueKind.Object:
                    var byLetter = new SortedDictionary<char, string>();
                    foreach (var p in o.EnumerateObject())
                    {
                        var key = p.Name.Trim();
                        if (key.Length != 1 || char.ToUpperInvariant(key[0]) is < 'A' or > 'Z' || p.Value.ValueKind != JsonValueKind.String)
                        {
                            throw new BenchmarkFormatException(path, line, "options", $"key '{p.Name}' must be a single letter with a string value");
                        }
                        byLetter[char.ToUpperInvariant(key[0])] = p.Value.GetString()!;
                    }
                    var expected = 'A';
                    foreach (var (letter, text) in byLetter)
                    {
                        if (letter != expected++)
                        {
                            throw new BenchmarkFormatException(path, line, "options", $"letters must run from A without gaps; '{(char)(expected - 1)}' is missing");
                        }
                        list.Add(text);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var v in o.EnumerateArray())
                    {
                        if (v.ValueKind != JsonValueKind.String)
                        {
                            throw new BenchmarkFormatException(path, line, "options", "every option must be a string");
                        }
                        list.Add(v.GetString()!);
                    }
                    break;
                default:
                    throw new BenchmarkFormatException(path, line, "options", $"expected an object keyed A–D or an array, found {o.ValueKind}");
            }
        }
        else if (e.TryGetProperty("A", out _))
        {
            list = [];
            for (var letter = 'A'; letter <= 'Z' && e.TryGetProperty(letter.ToString(), out var v); letter++)
            {
                if (v.ValueKind != JsonValueKind.String)
                {
                    throw new BenchmarkFormatException(path, line, letter.ToString(), "option must be a string");
                }
                list.Add(v.GetString()!);
            }
        }
        if (list is { Count: < 2 })
        {
            throw new BenchmarkFormatException(path, line, "options", $"a multiple-choice item needs at least 2 options, found {list.Count}");
        }
        return list;
    }

    private static string? AimeId(JsonElement e)
    {
        if (e.TryGetProperty("year", out var y) && e.TryGetProperty("aime_number", out var a) && e.TryGetProperty("problem_number", out var p)
            && y.TryGetInt32(out var year) && a.TryGetInt32(out var aime) && p.TryGetInt32(out var number))
        {
            // The LeaP release stores problem 15 as problem_number 0.
            return $"{year}-{(aime == 1 ? "I" : "II")}-{(number == 0 ? 15 : number)}";
        }
        return null;
    }

    private static string? Text(JsonElement e, string name, string path, int line)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new BenchmarkFormatException(path, line, name, $"expected a string or a number, found {v.ValueKind}"),
        };
    }

    /// <summary>FNV-1a over the id's UTF-16 units: a per-item seed that never changes across runtimes.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }

    /// <summary>The offset of the first byte that is not valid UTF-8 (JsonDocument defers that check to GetString), or null.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var offset = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    private static int LineOf(byte[] bytes, int offset) => bytes.AsSpan(0, offset).Count((byte)'\n') + 1;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
