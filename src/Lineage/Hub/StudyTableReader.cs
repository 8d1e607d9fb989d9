using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace Kinship.Lineage.Hub;

/// <summary>
/// Reads the study's released table (<c>ai_ecosystem.csv</c>, <c>ai_ecosystem_withmodelcards.csv</c>; Lineage study §1.2):
/// listing columns, Python list literals for list columns, <c>nan</c> for a missing value or card. Parents are the
/// union of the <c>base_model:</c> tags, the five parent columns (source <see cref="ParentSource.Table"/>) and the card's
/// front matter. <see cref="ModelRecord.RawJson"/> is the listing item rebuilt from the listing columns.
/// </summary>
public static class StudyTableReader
{
    /// <summary>Columns the table must have.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["model_id", "tags"];

    private static readonly (string Column, Relation Relation)[] ParentColumns =
    [
        ("parent_model", Relation.Unknown),
        ("finetune_parent", Relation.Finetune),
        ("quantized_parent", Relation.Quantized),
        ("adapter_parent", Relation.Adapter),
        ("merge_parent", Relation.Merge),
    ];

    private sealed record Columns(int Id, int Likes, int Trending, int Private, int Downloads, int Tags, int Task, int Library,
        int CreatedAt, int Licenses, int Card, int[] Parents, int Count)
    {
        public static Columns Of(SepReaderHeader header)
        {
            int At(string name) => header.TryIndexOf(name, out var index) ? index : -1;
            return new Columns(At("model_id"), At("likes"), At("trendingScore"), At("private"), At("downloads"), At("tags"),
                At("pipeline_tag"), At("library_name"), At("createdAt"), At("licenses"), At("modelCard"),
                ParentColumns.Select(p => At(p.Column)).ToArray(), header.ColNames.Count);
        }
    }

    /// <summary>Reads the rows of the table.</summary>
    public static IEnumerable<SourceItem> Read(Stream stream)
    {
        using var reader = CsvSource.Open(stream);
        if (CsvSource.MissingColumn(reader, RequiredColumns) is not null)
        {
            yield return CsvSource.WrongHeader(reader, RequiredColumns);
            yield break;
        }
        var columns = Columns.Of(reader.Header);
        while (reader.MoveNext())
        {
            yield return Convert(reader.Current, columns);
        }
    }

    private static SourceItem Convert(SepReader.Row row, Columns columns)
    {
        var line = row.LineNumberFrom;
        if (CsvSource.RowProblem(row, columns.Count) is { } problem)
        {
            return SourceItem.Rejected(line, problem);
        }
        try
        {
            return SourceItem.Read(line, ToRecord(row, columns));
        }
        catch (RecordFormatException e)
        {
            return SourceItem.Rejected(line, e.Message);
        }
    }

    private static ModelRecord ToRecord(SepReader.Row row, Columns c)
    {
        var id = CsvSource.Text(row, c.Id)?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw new RecordFormatException("empty model_id");
        }
        var tags = List(row, c.Tags, "tags");
        var tableParents = new List<ParentLink>();
        for (var i = 0; i < ParentColumns.Length; i++)
        {
            foreach (var parent in List(row, c.Parents[i], ParentColumns[i].Column))
            {
                tableParents.Add(new ParentLink(parent, ParentColumns[i].Relation, ParentSource.Table));
            }
        }
        var card = CsvSource.Text(row, c.Card);
        CardMetadata metadata;
        try
        {
            metadata = CardMetadata.FromCard(card);
        }
        catch (FormatException)
        {
            metadata = CardMetadata.Empty; // malformed front matter declares nothing; the row still lands
        }
        var createdText = CsvSource.Text(row, c.CreatedAt);
        DateTimeOffset? createdAt = null;
        if (createdText is not null)
        {
            createdAt = HubDates.TryParse(createdText, out var date) ? date : throw new RecordFormatException($"createdAt is not a date: '{createdText}'");
        }
        var record = new ModelRecord
        {
            Id = id,
            Author = ModelRecordAssembly.OwnerOf(id),
            CreatedAt = createdAt,
            Downloads = Count(row, c.Downloads, "downloads"),
            Likes = Count(row, c.Likes, "likes"),
            TrendingScore = Number(row, c.Trending, "trendingScore"),
            Task = CsvSource.Text(row, c.Task),
            Library = CsvSource.Text(row, c.Library),
            Tags = tags,
            Private = Boolean(row, c.Private, "private"),
            Card = card,
        };
        record = ModelRecordAssembly.Complete(record, metadata, tableParents, List(row, c.Licenses, "licenses"));
        return record with { RawJson = ListingJson(record) };
    }

    /// <summary>The listing item (default <c>/api/models</c> fields) the row was made from.</summary>
    private static string ListingJson(ModelRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", record.Id);
            WriteNumber(json, "likes", record.Likes);
            if (record.TrendingScore is { } trending) { json.WriteNumber("trendingScore", trending); } else { json.WriteNull("trendingScore"); }
            if (record.Private is { } isPrivate) { json.WriteBoolean("private", isPrivate); } else { json.WriteNull("private"); }
            WriteNumber(json, "downloads", record.Downloads);
            json.WriteStartArray("tags");
            foreach (var tag in record.Tags)
            {
                json.WriteStringValue(tag);
            }
            json.WriteEndArray();
            json.WriteString("pipeline_tag", record.Task);
            json.WriteString("library_name", record.Library);
            if (record.CreatedAt is { } created) { json.WriteString("createdAt", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); } else { json.WriteNull("createdAt"); }
            json.WriteString("modelId", record.Id);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number) { json.WriteNumber(name, number); } else { json.WriteNull(name); }
    }

    private static IReadOnlyList<string> List(SepReader.Row row, int index, string column)
    {
        if (index < 0)
        {
            return [];
        }
        try
        {
            return PythonListLiteral.Parse(row[index].Span);
        }
        catch (FormatException e)
        {
            throw new RecordFormatException($"{column} is not a list: {e.Message}");
        }
    }

    private static long? Count(SepReader.Row row, int index, string column)
    {
        var text = CsvSource.Text(row, index);
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }
        // pandas writes integer columns holding NaN as floats ("12.0")
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real == Math.Floor(real) && Math.Abs(real) < 9e18)
        {
            return (long)real;
        }
        throw new RecordFormatException($"{column} is not a whole number: '{text}'");
    }

    private static double? Number(SepReader.Row row, int index, string column)
    {
        var text = CsvSource.Text(row, index);
        return text is null ? null
            : !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? throw new RecordFormatException($"{column} is not a number: '{text}'")
            : double.IsFinite(value) ? value
            : throw new RecordFormatException($"{column} is not a finite number (out of range)");
    }

    private static bool? Boolean(SepReader.Row row, int index, string column)
    {
        var text = CsvSource.Text(row, index);
        return text switch
        {
            null => null,
            "True" or "true" or "1" => true,
            "False" or "false" or "0" => false,
            _ => throw new RecordFormatException($"{column} is not a boolean: '{text}'"),
        };
    }
}
