using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Tests.Catalog;
using Parquet;
using Parquet.Serialization;
using static Kinship.Lineage.Tests.Hub.ReaderTests;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>
/// Generated malformed hub-stats <c>models.parquet</c> files: bad rows mixed with good ones (every good row lands, every
/// bad one is reported by its 1-based row number with its reason), and broken files (one error naming the file, nothing imported).
/// </summary>
public sealed class ParquetFuzzTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private static StatsRow Good(int i) => new()
    {
        id = $"good/m{i}", author = "good", createdAt = new DateTime(2024, 8, 1, 12, 0, 0, DateTimeKind.Utc), downloads = i, likes = i % 5,
        tags = ["license:mit", "en"], pipeline_tag = "text-generation", library_name = "transformers",
    };

    /// <summary>Rows that Parquet can hold but the catalog must not take, each with the reason it is rejected for.</summary>
    private static IEnumerable<(StatsRow Row, string Reason)> BadRows()
    {
        foreach (var downloads in new long[] { -1, -2, -9_000_000_000, long.MinValue, -100 })
        {
            yield return (new StatsRow { id = "x/y", downloads = downloads }, $"downloads is negative ({downloads})");
        }
        foreach (var likes in new long[] { -1, -3, long.MinValue, -77 })
        {
            yield return (new StatsRow { id = "x/y", likes = likes }, $"likes is negative ({likes})");
        }
        foreach (var c in new[] { '\u0000', '\u0001', '\u0007', '\u0009', '\u000A', '\u000D', '\u001B', '\u001F', '\u007F', '\u0085', '\u009B', '\u009F' })
        {
            yield return (new StatsRow { id = $"x/bad{c}id" }, $"id contains the control character U+{(int)c:X4} at position 6");
        }
        yield return (new StatsRow { id = "\u001b[2Jx/y" }, "id contains the control character U+001B at position 1");
        yield return (new StatsRow { id = "" }, "empty id");
        yield return (new StatsRow { id = "   " }, "empty id");
        yield return (new StatsRow { id = "\t" }, "empty id");
        yield return (new StatsRow { id = null, downloads = 3 }, "missing id");
        yield return (new StatsRow { id = null, tags = ["en"] }, "missing id");
        foreach (var relation in new[] { "sideways", "", "MERGE!", "fine tune" })
        {
            yield return (new StatsRow { id = "x/y", baseModels = new StatsBase { relation = relation, models = [new() { id = "a/b" }] } },
                $"baseModels.relation is not a relation: '{relation}'");
        }
        yield return (new StatsRow { id = "x/y", downloads = -1, likes = -1 }, "downloads is negative (-1)");
        yield return (new StatsRow { id = "x/\u0000", downloads = -1 }, "id contains the control character U+0000 at position 3");
        yield return (new StatsRow { id = new string('a', 4096) + "\u0000" }, "id contains the control character U+0000 at position 4097");
        foreach (var i in Enumerable.Range(0, 6))
        {
            yield return (new StatsRow { id = $"bad/n{i}", downloads = -(i + 1), tags = ["en"] }, $"downloads is negative ({-(i + 1)})");
        }
    }

    [Fact]
    public async Task Bad_rows_are_each_rejected_by_row_number_and_every_good_row_lands()
    {
        var bad = BadRows().ToArray();
        Assert.True(bad.Length >= 40, $"{bad.Length} variants");
        var rows = new List<StatsRow>();
        var expected = new List<string>();
        for (var i = 0; i < bad.Length; i++)
        {
            rows.Add(Good(i));
            rows.Add(bad[i].Row);
            expected.Add($"{rows.Count}: {bad[i].Reason}");
        }
        var huge = new StatsRow { id = "good/huge", tags = [.. Enumerable.Range(0, 5000).Select(t => $"tag{t}")], library_name = new string('l', 100_000) };
        rows.Add(huge);
        rows.Add(Good(bad.Length));
        rows.Add(Good(0)); // a duplicate id: the later row replaces the earlier one (not a reject)
        var path = _catalog.File("models.parquet");
        // Small row groups: row numbers continue across groups.
        await ParquetSerializer.SerializeAsync(rows, path, new ParquetOptions { RowGroupSize = 7 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(InputFormat.HubStatsParquet, FormatSniffer.Detect(path));

        var rejects = new List<ImportReject>();
        var result = Assert.Single(_catalog.Import(rejects, path));

        Assert.Equal(expected, rejects.Select(r => $"{r.Line}: {r.Reason}"));
        Assert.All(rejects, r => Assert.Equal(path, r.Source));
        Assert.Equal($"{rows.Count}/{bad.Length + 3}/1/{bad.Length}", $"{result.Read}/{result.Imported}/{result.Replaced}/{result.Rejected}");
        Assert.Equal([.. Enumerable.Range(0, bad.Length + 1).Select(i => $"good/m{i}").Append("good/huge").Order(StringComparer.Ordinal)],
            _catalog.Rows("SELECT id FROM models ORDER BY id"));
        Assert.Equal(Enumerable.Range(0, bad.Length + 1).Sum(), _catalog.Scalar("SELECT sum(downloads)::BIGINT FROM models"));
        Assert.Equal(["100000|5000"], _catalog.Rows("SELECT length(library), len(tags) FROM models WHERE id = 'good/huge'"));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_string_column_lands_as_U_FFFD_as_documented()
    {
        // Parquet.Net decodes UTF-8 leniently; the bytes are patched in after writing (no compression, no dictionary).
        StatsRow[] rows = [Good(0), new() { id = "bad/utf8-~~", author = "bad", tags = ["a~~~b"] }, Good(1)];
        var path = _catalog.File("models.parquet");
        await ParquetSerializer.SerializeAsync(rows, path, new ParquetOptions { CompressionMethod = CompressionMethod.None, DictionaryEncodingThreshold = 0 },
            cancellationToken: TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Replace(bytes, "a~~~b"u8, [(byte)'a', 0xED, 0xA0, 0x80, (byte)'b']); // a CESU-8 lone surrogate
        Replace(bytes, "-~~"u8, [(byte)'-', 0xFF, 0xFE]);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var rejects = new List<ImportReject>();
        var result = Assert.Single(_catalog.Import(rejects, path));

        Assert.Empty(rejects);
        Assert.Equal("3/3/0/0", $"{result.Read}/{result.Imported}/{result.Replaced}/{result.Rejected}");
        Assert.Equal(["bad/utf8-\uFFFD\uFFFD", "good/m0", "good/m1"], _catalog.Rows("SELECT id FROM models ORDER BY id"));
    }

    private static void Replace(byte[] bytes, ReadOnlySpan<byte> marker, ReadOnlySpan<byte> replacement)
    {
        var found = 0;
        for (var at = bytes.AsSpan().IndexOf(marker); at >= 0; at = bytes.AsSpan().IndexOf(marker))
        {
            replacement.CopyTo(bytes.AsSpan(at));
            found++;
        }
        Assert.True(found > 0);
    }

    public sealed class NoIdRow
    {
        public string? author { get; set; }
        public long? downloads { get; set; }
    }

    public sealed class WrongTypeRow
    {
        public string? id { get; set; }
        public string? downloads { get; set; }
    }

    public sealed class WrongIdTypeRow
    {
        public long? id { get; set; }
    }

    public sealed class WrongTagsRow
    {
        public string? id { get; set; }
        public string? tags { get; set; }
    }

    /// <summary>Broken files: each is one error naming the file and nothing of it is imported.</summary>
    public static TheoryData<string> BrokenFiles() => ["no id column", "downloads as text", "id as a number", "tags as text", "truncated", "footer only", "header only", "cut footer length"];

    private async Task<string> WriteBroken(string variant)
    {
        var path = _catalog.File("broken.parquet");
        var good = Enumerable.Range(0, 20).Select(Good).ToList();
        var token = TestContext.Current.CancellationToken;
        switch (variant)
        {
            case "no id column":
                await ParquetSerializer.SerializeAsync(new[] { new NoIdRow { author = "a", downloads = 1 } }, path, cancellationToken: token);
                break;
            case "downloads as text":
                await ParquetSerializer.SerializeAsync(new[] { new WrongTypeRow { id = "a/b", downloads = "many" } }, path, cancellationToken: token);
                break;
            case "id as a number":
                await ParquetSerializer.SerializeAsync(new[] { new WrongIdTypeRow { id = 5 } }, path, cancellationToken: token);
                break;
            case "tags as text":
                await ParquetSerializer.SerializeAsync(new[] { new WrongTagsRow { id = "a/b", tags = "en" } }, path, cancellationToken: token);
                break;
            default:
                await ParquetSerializer.SerializeAsync(good, path, cancellationToken: token);
                var bytes = await File.ReadAllBytesAsync(path, token);
                bytes = variant switch
                {
                    "truncated" => bytes[..(bytes.Length / 2)],
                    "footer only" => [.. "PAR1"u8, .. bytes[^8..]],
                    "header only" => [.. "PAR1"u8],
                    _ => [.. bytes[..^8], 0xFF, 0xFF, 0xFF, 0x7F, .. "PAR1"u8],
                };
                await File.WriteAllBytesAsync(path, bytes, token);
                break;
        }
        return path;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_file_is_one_error_naming_the_file_and_nothing_of_it_lands(string variant)
    {
        var path = await WriteBroken(variant);
        var first = _catalog.Write("first.jsonl", """{"id":"first/one"}""" + "\n");

        var error = Assert.Throws<IOException>(() => _catalog.Import(first, path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(nothing of this source was imported)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["first/one"], _catalog.Rows("SELECT id FROM models"));
    }

    [Fact]
    public void A_file_named_parquet_that_is_not_parquet_is_refused_by_content()
    {
        var path = _catalog.Write("models.parquet", "id,downloads\na/b,1\n");

        var error = Assert.Throws<UnknownFormatException>(() => _catalog.Import(path));

        Assert.StartsWith(path + ": no known input format", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_catalog.Path_));
    }
}
