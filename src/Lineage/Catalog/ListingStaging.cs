using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DuckDB.NET.Data;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// The fast path of a JSON Lines listing import. C# splits the file into numbered lines and screens each one (valid
/// UTF-8, no escapes, well-formed JSON object per System.Text.Json); screened lines go, as raw bytes, into a staging
/// table, where one set-based statement per chunk type-checks the fields, applies the tag grammar with list functions
/// and inserts the rows into <c>models</c> and <c>parents</c>. A line outside the fast path's narrow shape (card fields,
/// <c>baseModels</c>, escapes, a field of another type, an unusual date, a duplicate key) is parsed by
/// <see cref="ListingReader"/> exactly as before, so every reject keeps its line and its reason text.
/// </summary>
internal sealed class ListingStaging : IDisposable
{
    /// <summary>Lines staged per set-based pass: bounds memory and sets how often progress and cancellation are seen.</summary>
    public const int ChunkLines = 131_072;

    private const string CreateLines = "CREATE OR REPLACE TEMP TABLE import_lines (line BIGINT NOT NULL, j VARCHAR NOT NULL);";

    private readonly DuckDBConnection _connection;
    private readonly string _source;
    private readonly long _baseSeq;
    private readonly List<(long Line, byte[] Bytes)> _slow = [];
    private DuckDBAppender? _lines;
    private int _staged;

    public ListingStaging(DuckDBConnection connection, string source, long baseSeq)
    {
        _connection = connection;
        _source = source;
        _baseSeq = baseSeq;
        CatalogConnection.Execute(connection, CreateLines);
    }

    /// <summary>Records accepted so far.</summary>
    public long Accepted { get; private set; }

    /// <summary>Lines rejected so far.</summary>
    public long Rejected { get; private set; }

    /// <summary>Non-blank lines seen so far.</summary>
    public long Read { get; private set; }

    /// <summary>True when the pending chunk is full and <see cref="Flush"/> should run.</summary>
    public bool ChunkFull => _staged + _slow.Count >= ChunkLines;

    /// <summary>Takes one line of the file (blank lines are skipped and not counted).</summary>
    public void Add(long line, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (Utf8LineReader.IsBlank(span))
        {
            return;
        }
        Read++;
        if (Screened(span))
        {
            _lines ??= _connection.CreateAppender("import_lines");
            _lines.CreateRow().AppendValue(line).AppendValue(MemoryMarshal.AsMemory(bytes).Span).EndRow();
            _staged++;
        }
        else
        {
            _slow.Add((line, span.ToArray()));
        }
    }

    /// <summary>Lands the pending chunk: the staged lines set-based, the others through the record parser; rejects in line order.</summary>
    public void Flush(Action<long, string> reject)
    {
        _lines?.Dispose();
        _lines = null;
        var slow = new List<(long Line, byte[] Bytes)>(_slow);
        _slow.Clear();
        if (_staged > 0)
        {
            CatalogConnection.Execute(_connection, ParseSql);
            Accepted += InsertFast();
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT line, j FROM import_parsed WHERE NOT ok";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    slow.Add((reader.GetInt64(0), Encoding.UTF8.GetBytes(reader.GetString(1))));
                }
            }
            // a fresh table per chunk: rows deleted inside the transaction would stay in every later scan until commit
            CatalogConnection.Execute(_connection, "DROP TABLE import_parsed; " + CreateLines);
            _staged = 0;
        }
        if (slow.Count == 0)
        {
            return;
        }
        slow.Sort((a, b) => a.Line.CompareTo(b.Line));
        using var models = _connection.CreateAppender("models");
        using var parents = _connection.CreateAppender("parents");
        foreach (var (line, bytes) in slow)
        {
            var item = ListingReader.ParseLine(line, bytes);
            if (item.Record is { } record)
            {
                Accepted++;
                RecordAppender.Append(models, parents, record, _source, _baseSeq + line);
            }
            else
            {
                Rejected++;
                reject(line, item.Reject!);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _lines?.Dispose();
            CatalogConnection.Execute(_connection, "DROP TABLE IF EXISTS import_parsed; DROP TABLE IF EXISTS import_lines;");
        }
        catch (DuckDBException)
        {
            // unwinding from a failure: the transaction is aborted and its rollback drops the staging tables
        }
    }

    private long InsertFast()
    {
        var source = _source.Replace("'", "''", StringComparison.Ordinal);
        CatalogConnection.Execute(_connection, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO parents
                SELECT id, parent, CASE max(rank) WHEN 1 THEN 'finetune' WHEN 2 THEN 'quantized' WHEN 3 THEN 'adapter' WHEN 4 THEN 'merge' ELSE 'unknown' END,
                       'tags', {_baseSeq} + line
                FROM (SELECT line, id, unnest(links, recursive := true) FROM import_parsed WHERE ok AND len(links) > 0)
                GROUP BY line, id, parent;
            """));
        CatalogConnection.Execute(_connection, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO models
                SELECT id, author, created_at, last_modified, downloads, likes, trending_score, task, library, tags,
                       licenses, languages, other_languages, datasets, arxiv_ids, gated, private, []::VARCHAR[], NULL, j,
                       '{source}', {_baseSeq} + line
                FROM import_parsed WHERE ok
            """));
        return CatalogConnection.Scalar(_connection, "SELECT count(*) FROM import_parsed WHERE ok");
    }

    /// <summary>
    /// A line may be staged when it is valid UTF-8 without any escape, System.Text.Json reads it as one object (depth,
    /// literals and commas as strictly as <see cref="ListingReader"/>), and every top-level field the record parser reads
    /// has the fast path's shape: <c>id</c> a printable-ASCII string; author, task, library strings or null; dates the
    /// Hub's ISO form, empty or null; counts non-negative 64-bit integers; the trending score a finite number; tags
    /// printable-ASCII strings; <c>gated</c> a boolean, string or null; <c>private</c> a boolean or null. A card field,
    /// <c>baseModels</c>, a repeated field or both spellings of one (<c>createdAt</c> and <c>created_at</c>) send the
    /// line to the record parser, as does a key that differs from a known one only in case.
    /// </summary>
    internal static bool Screened(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] != (byte)'{' || line.Contains((byte)'\\') || !Utf8.IsValid(line))
        {
            return false;
        }
        var reader = new Utf8JsonReader(line);
        var seen = 0;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Field(reader.ValueSpan);
                reader.Read();
                if (field < 0)
                {
                    if (field == Unsupported || !FiniteNumbers(ref reader))
                    {
                        return false;
                    }
                    continue;
                }
                var bit = 1 << field;
                if ((seen & bit) != 0 || !ValueFits(ref reader, field))
                {
                    return false;
                }
                seen |= bit;
            }
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }
        const int both = (1 << CreatedAt) | (1 << CreatedAtSnake);
        const int bothModified = (1 << LastModified) | (1 << LastModifiedSnake);
        const int bothTrending = (1 << Trending) | (1 << TrendingSnake);
        return (seen & (1 << Id)) != 0 && (seen & both) != both && (seen & bothModified) != bothModified
            && (seen & bothTrending) != bothTrending && reader.BytesConsumed == line.Length;
    }

    private const int Id = 0, ModelId = 1, ModelIdSnake = 2, Author = 3, CreatedAt = 4, CreatedAtSnake = 5, LastModified = 6,
        LastModifiedSnake = 7, Downloads = 8, Likes = 9, Trending = 10, TrendingSnake = 11, Task = 12, Library = 13, Tags = 14,
        Gated = 15, Private = 16, Other = -1, Unsupported = -2;

    private static readonly string[] FieldNames =
    [
        "id", "modelId", "model_id", "author", "createdAt", "created_at", "lastModified", "last_modified", "downloads", "likes",
        "trendingScore", "trending_score", "pipeline_tag", "library_name", "tags", "gated", "private",
    ];

    private static readonly string[] UnsupportedNames = ["cardData", "card_data", "card", "cardText", "modelCard", "baseModels"];

    private static int Field(ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[32];
        if (name.Length > chars.Length)
        {
            return Other;
        }
        var text = chars[..Encoding.UTF8.GetChars(name, chars)];
        for (var i = 0; i < FieldNames.Length; i++)
        {
            if (text.Equals(FieldNames[i], StringComparison.OrdinalIgnoreCase))
            {
                return text.SequenceEqual(FieldNames[i]) ? i : Unsupported;
            }
        }
        foreach (var unsupported in UnsupportedNames)
        {
            if (text.Equals(unsupported, StringComparison.OrdinalIgnoreCase))
            {
                return Unsupported;
            }
        }
        return Other;
    }

    /// <summary>Reads past an ignored value; false when it holds a number DuckDB's JSON reader would not take as finite.</summary>
    private static bool FiniteNumbers(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (true)
        {
            if (reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var number) && double.IsFinite(number)))
            {
                return false;
            }
            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return true;
            }
            reader.Read();
        }
    }

    private static bool ValueFits(ref Utf8JsonReader reader, int field)
    {
        var token = reader.TokenType;
        switch (field)
        {
            case Id:
                return token == JsonTokenType.String && !reader.ValueSpan.IsEmpty && Printable(reader.ValueSpan);
            case ModelId or ModelIdSnake:
                return token == JsonTokenType.String;
            case Author or Task or Library:
                return token is JsonTokenType.String or JsonTokenType.Null;
            case CreatedAt or CreatedAtSnake or LastModified or LastModifiedSnake:
                return token == JsonTokenType.Null || (token == JsonTokenType.String && (reader.ValueSpan.IsEmpty || IsoInstant(reader.ValueSpan)));
            case Downloads or Likes:
                return token == JsonTokenType.Null || (token == JsonTokenType.Number && reader.TryGetInt64(out var count) && count >= 0);
            case Trending or TrendingSnake:
                return token == JsonTokenType.Null || (token == JsonTokenType.Number && reader.TryGetDouble(out var score) && double.IsFinite(score));
            case Gated:
                return token is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null or JsonTokenType.String;
            case Private:
                return token is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
            case Tags:
                if (token == JsonTokenType.Null)
                {
                    return true;
                }
                if (token != JsonTokenType.StartArray)
                {
                    return false;
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || !Printable(reader.ValueSpan))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    private static bool Printable(ReadOnlySpan<byte> text) => text.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) < 0;

    /// <summary>The Hub's form <c>2022-03-02T23:29:04.000Z</c>: seconds, up to six fraction digits, UTC.</summary>
    private static bool IsoInstant(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || text.Length > 27 || text[^1] != (byte)'Z')
        {
            return false;
        }
        ReadOnlySpan<byte> shape = "dddd-dd-ddTdd:dd:dd"u8;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == (byte)'d' ? !char.IsAsciiDigit((char)text[i]) : text[i] != shape[i])
            {
                return false;
            }
        }
        if (text.Length == 20)
        {
            return true;
        }
        return text[19] == (byte)'.' && text.Length >= 22 && text[20..^1].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    // The screened line's fields are of their plain types, so json_transform reads them in one pass; the tag grammar
    // (TagGrammar) runs as list functions. ok is false only for a date of the right shape that is no date (2022-02-30).
    private const string Fields = """{"id":"VARCHAR","author":"VARCHAR","createdAt":"VARCHAR","created_at":"VARCHAR","lastModified":"VARCHAR","last_modified":"VARCHAR","downloads":"BIGINT","likes":"BIGINT","trendingScore":"DOUBLE","trending_score":"DOUBLE","pipeline_tag":"VARCHAR","library_name":"VARCHAR","tags":["VARCHAR"],"gated":"JSON","private":"BOOLEAN"}""";

    private static readonly string ParseSql = $$"""
        CREATE OR REPLACE TEMP TABLE import_parsed AS
        WITH r AS (
            SELECT line, j, json_transform(j, '{{Fields}}') AS r FROM import_lines
        ), f AS (
            SELECT line, j, r.id AS id, r.author AS author_field,
                   nullif(coalesce(r.createdAt, r.created_at), '') AS created_text,
                   nullif(coalesce(r.lastModified, r.last_modified), '') AS modified_text,
                   r.downloads AS downloads, r.likes AS likes, coalesce(r.trendingScore, r.trending_score) AS trending_score,
                   r.pipeline_tag AS task, r.library_name AS library, coalesce(r.tags, []) AS tags, r.gated AS gated_json, r.private AS private
            FROM r
        ), g AS (
            SELECT *, try_cast(created_text AS TIMESTAMPTZ) AS created_at, try_cast(modified_text AS TIMESTAMPTZ) AS last_modified,
                   list_transform(list_filter(tags, x -> starts_with(x, 'license:')), x -> substr(x, 9)) AS license_tags,
                   list_transform(list_filter(tags, x -> length(x) = 2 AND regexp_full_match(lower(x), '{{Codes(IsoLanguageCodes.TwoLetter)}}')), x -> lower(x)) AS language_tags,
                   list_transform(list_filter(tags, x -> (length(x) = 3 AND regexp_full_match(lower(x), '{{Codes(IsoLanguageCodes.ThreeLetter)}}')) OR lower(x) = 'multilingual'), x -> lower(x)) AS other_tags,
                   list_transform(list_filter(tags, x -> starts_with(x, 'dataset:')), x -> substr(x, 9)) AS dataset_tags,
                   list_transform(list_filter(tags, x -> starts_with(x, 'arxiv:')), x -> substr(x, 7)) AS arxiv_tags
            FROM f
        )
        SELECT line, j, (created_text IS NULL OR created_at IS NOT NULL) AND (modified_text IS NULL OR last_modified IS NOT NULL) AS ok,
               id, coalesce(author_field, CASE WHEN strpos(id, '/') > 1 THEN substr(id, 1, strpos(id, '/') - 1) END) AS author,
               created_at, last_modified, downloads, likes, trending_score, task, library, tags,
               {{Distinct("license_tags")}} AS licenses,
               {{Distinct("language_tags")}} AS languages,
               {{Distinct("other_tags")}} AS other_languages,
               {{Distinct("dataset_tags")}} AS datasets,
               {{Distinct("arxiv_tags")}} AS arxiv_ids,
               CASE json_type(gated_json) WHEN 'BOOLEAN' THEN gated_json::BOOLEAN WHEN 'VARCHAR' THEN true END AS gated,
               private,
               list_filter(list_transform(list_filter(tags, x -> starts_with(x, 'base_model:')), x ->
                   CASE WHEN strpos(substr(x, 12), ':') = 0
                        THEN {'parent': substr(x, 12), 'rank': 0}
                        WHEN strpos(substr(x, 12), ':') > 1
                        THEN {'parent': substr(x, 12 + strpos(substr(x, 12), ':')),
                              'rank': CASE lower(substr(x, 12, strpos(substr(x, 12), ':') - 1))
                                      WHEN 'finetune' THEN 1 WHEN 'fine-tune' THEN 1 WHEN 'quantized' THEN 2 WHEN 'quantization' THEN 2
                                      WHEN 'adapter' THEN 3 WHEN 'merge' THEN 4 WHEN 'merged' THEN 4 END}
                   END), l -> l.parent <> '' AND l.rank IS NOT NULL) AS links
        FROM g
        """;

    /// <summary>A regular expression matching exactly the codes (a constant pattern: a list literal inside a lambda is rebuilt per row).</summary>
    private static string Codes(IEnumerable<string> codes) => string.Join("|", codes.Order(StringComparer.Ordinal));

    /// <summary>The non-empty distinct values of a list column, in first-seen order (TagGrammar's AddDistinct).</summary>
    private static string Distinct(string list) =>
        $"list_filter({list}, (x, i) -> x <> '' AND list_position({list}, x) = i)";
}
