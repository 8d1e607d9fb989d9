using System.Text.Json;

namespace Kinship.Lineage.Hub;

/// <summary>
/// Reads model-info records as the <c>huggingface_hub</c> client serializes them, in the two containers of the family
/// crawls: a CSV with <c>model_id</c> and a <c>metadata</c> JSON column, and <c>{"models":[{"model_id","metadata",...}]}</c>
/// (where <c>metadata</c> is a JSON string or an object). The metadata JSON is the record's <see cref="ModelRecord.RawJson"/>.
/// </summary>
public static class ModelInfoReader
{
    /// <summary>Columns the CSV form must have.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["model_id", "metadata"];

    /// <summary>Reads the CSV form.</summary>
    public static IEnumerable<SourceItem> ReadCsv(Stream stream)
    {
        using var reader = CsvSource.Open(stream);
        if (CsvSource.MissingColumn(reader, CsvColumns) is not null)
        {
            yield return CsvSource.WrongHeader(reader, CsvColumns);
            yield break;
        }
        var idColumn = reader.Header.IndexOf("model_id");
        var metadataColumn = reader.Header.IndexOf("metadata");
        var columns = reader.Header.ColNames.Count;
        while (reader.MoveNext())
        {
            yield return ConvertRow(reader.Current, columns, idColumn, metadataColumn);
        }
    }

    private static SourceItem ConvertRow(nietras.SeparatedValues.SepReader.Row row, int columns, int idColumn, int metadataColumn)
    {
        var line = row.LineNumberFrom;
        if (CsvSource.RowProblem(row, columns) is { } problem)
        {
            return SourceItem.Rejected(line, problem);
        }
        return FromMetadataText(line, CsvSource.Text(row, metadataColumn), CsvSource.Text(row, idColumn));
    }

    /// <summary>Reads the JSON form, streaming the <c>models</c> list.</summary>
    public static IEnumerable<SourceItem> ReadJson(Stream stream)
    {
        foreach (var element in JsonArrayStreamer.Read(stream, "models"))
        {
            if (element.Document is null)
            {
                yield return SourceItem.Rejected(element.Line, element.Error!);
                continue;
            }
            using var document = element.Document;
            yield return FromEntry(element.Line, document.RootElement);
        }
    }

    private static SourceItem FromEntry(long line, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return SourceItem.Rejected(line, "not a JSON object");
        }
        if (Kinship.Files.JsonStrings.FirstLoneSurrogate(entry) is { } field)
        {
            return SourceItem.Rejected(line, $"{field} holds a lone surrogate escape (such as \\ud800), which is not text");
        }
        string? modelId = null;
        if (entry.TryGetProperty("model_id", out var idValue))
        {
            if (idValue.ValueKind != JsonValueKind.String)
            {
                return SourceItem.Rejected(line, "model_id is not a string");
            }
            modelId = idValue.GetString();
        }
        if (!entry.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return SourceItem.Rejected(line, "missing metadata");
        }
        return metadata.ValueKind switch
        {
            JsonValueKind.String => FromMetadataText(line, metadata.GetString(), modelId),
            JsonValueKind.Object => ListingReader.ParseElement(line, metadata, modelId),
            _ => SourceItem.Rejected(line, "metadata is not a JSON object or string"),
        };
    }

    private static SourceItem FromMetadataText(long line, string? metadata, string? modelId)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return SourceItem.Rejected(line, "empty metadata");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(metadata);
        }
        catch (JsonException e)
        {
            return SourceItem.Rejected(line, "metadata: bad JSON: " + JsonArrayStreamer.FirstSentence(e.Message));
        }
        using (document)
        {
            try
            {
                return SourceItem.Read(line, HubJsonRecord.Parse(document.RootElement, metadata, modelId));
            }
            catch (RecordFormatException e)
            {
                return SourceItem.Rejected(line, "metadata: " + e.Message);
            }
        }
    }
}
