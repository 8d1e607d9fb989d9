using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Kinship.Lineage.Hub;

/// <summary>
/// Reads hub-stats <c>models.parquet</c> (id, author, createdAt, downloads, likes, tags list, pipeline_tag, library_name,
/// <c>baseModels</c> struct {relation, models: [{id}]}) one row group at a time. <c>baseModels</c> parents are source
/// <see cref="ParentSource.Table"/>; <see cref="ModelRecord.RawJson"/> is the row as JSON.
/// </summary>
public static class HubStatsParquetReader
{
    /// <summary>One row of hub-stats <c>models.parquet</c>, as the file names its columns.</summary>
    public sealed class Row
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("author")] public string? Author { get; set; }
        [JsonPropertyName("createdAt")] public DateTime? CreatedAt { get; set; }
        [JsonPropertyName("downloads")] public long? Downloads { get; set; }
        [JsonPropertyName("likes")] public long? Likes { get; set; }
        [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
        [JsonPropertyName("pipeline_tag")] public string? PipelineTag { get; set; }
        [JsonPropertyName("library_name")] public string? LibraryName { get; set; }
        [JsonPropertyName("baseModels")] public BaseModels? BaseModels { get; set; }
    }

    /// <summary>The <c>baseModels</c> struct: the relation and the parents.</summary>
    public sealed class BaseModels
    {
        [JsonPropertyName("relation")] public string? Relation { get; set; }
        [JsonPropertyName("models")] public List<BaseModel>? Models { get; set; }
    }

    /// <summary>One parent in <c>baseModels.models</c>.</summary>
    public sealed class BaseModel
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
    }

    /// <summary>Reads the file; the line of an item is its 1-based row number.</summary>
    /// <exception cref="IOException">The file is not a readable Parquet file with these columns.</exception>
    public static IEnumerable<SourceItem> Read(Stream stream)
    {
        int groups;
        string? schemaProblem;
        try
        {
            CheckFooterLength(stream);
            var reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult();
            groups = reader.RowGroupCount;
            schemaProblem = SchemaProblem(reader.Schema);
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new IOException("not a readable Parquet file: " + e.Message, e);
        }
        if (schemaProblem is not null)
        {
            throw new IOException("not a hub-stats models.parquet: " + schemaProblem);
        }
        long rowNumber = 0;
        for (var group = 0; group < groups; group++)
        {
            IList<Row> rows;
            try
            {
                stream.Position = 0;
                rows = ParquetSerializer.DeserializeAsync<Row>(stream, null, group).GetAwaiter().GetResult().Data;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new IOException($"row group {group}: cannot read the hub-stats columns: {e.Message}", e);
            }
            foreach (var row in rows)
            {
                rowNumber++;
                yield return Convert(rowNumber, row);
            }
        }
    }

    /// <summary>A footer length beyond the file would make Parquet.Net allocate that much (up to 2 GiB) before failing.</summary>
    private static void CheckFooterLength(Stream stream)
    {
        Span<byte> tail = stackalloc byte[8];
        if (stream.Length < 12)
        {
            throw new InvalidDataException($"{stream.Length} bytes is too short for a Parquet file");
        }
        stream.Position = stream.Length - 8;
        stream.ReadExactly(tail);
        stream.Position = 0;
        var footer = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footer > stream.Length - 12)
        {
            throw new InvalidDataException($"the footer length {footer} is beyond the file's {stream.Length} bytes");
        }
    }

    /// <summary>Columns Parquet.Net would silently read as null when their type is wrong (an id column missing, tags not a list).</summary>
    private static string? SchemaProblem(ParquetSchema schema)
    {
        var id = schema.Fields.FirstOrDefault(field => field.Name == "id");
        if (id is not DataField { ClrType: var idType } || (idType != typeof(string) && idType != typeof(ReadOnlyMemory<char>)))
        {
            return id is null ? "no id column" : "the id column is not text";
        }
        var tags = schema.Fields.FirstOrDefault(field => field.Name == "tags");
        return tags is not null && tags.SchemaType != SchemaType.List ? "the tags column is not a list" : null;
    }

    private static SourceItem Convert(long rowNumber, Row row)
    {
        if (string.IsNullOrWhiteSpace(row.Id))
        {
            return SourceItem.Rejected(rowNumber, row.Id is null ? "missing id" : "empty id");
        }
        var relation = Relation.Unknown;
        if (row.BaseModels?.Relation is { } relationText && !Relations.TryParse(relationText, out relation))
        {
            return SourceItem.Rejected(rowNumber, $"baseModels.relation is not a relation: '{relationText}'");
        }
        var tableParents = (row.BaseModels?.Models ?? [])
            .Where(model => !string.IsNullOrWhiteSpace(model.Id))
            .Select(model => new ParentLink(model.Id!.Trim(), relation, ParentSource.Table));
        var record = new ModelRecord
        {
            Id = row.Id,
            Author = row.Author ?? ModelRecordAssembly.OwnerOf(row.Id),
            CreatedAt = row.CreatedAt is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            Downloads = row.Downloads,
            Likes = row.Likes,
            Task = row.PipelineTag,
            Library = row.LibraryName,
            Tags = row.Tags ?? [],
            RawJson = JsonSerializer.Serialize(row, RowJson.Default.Row),
        };
        return SourceItem.Read(rowNumber, ModelRecordAssembly.Complete(record, CardMetadata.Empty, tableParents));
    }
}
