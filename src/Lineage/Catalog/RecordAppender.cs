using DuckDB.NET.Data;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>Appends canonical records to the catalog's <c>models</c> and <c>parents</c> tables (one row each, plus one per parent).</summary>
internal sealed class RecordAppender : IDisposable
{
    /// <summary>The <c>models</c> columns in <see cref="CatalogSchema.Ddl"/> order.</summary>
    private static readonly (string, ChunkColumn)[] ModelColumns =
    [
        ("id", ChunkColumn.Varchar), ("author", ChunkColumn.Varchar), ("created_at", ChunkColumn.TimestampTz),
        ("last_modified", ChunkColumn.TimestampTz), ("downloads", ChunkColumn.BigInt), ("likes", ChunkColumn.BigInt),
        ("trending_score", ChunkColumn.Double), ("task", ChunkColumn.Varchar), ("library", ChunkColumn.Varchar),
        ("tags", ChunkColumn.VarcharList), ("licenses", ChunkColumn.VarcharList), ("languages", ChunkColumn.VarcharList),
        ("other_languages", ChunkColumn.VarcharList), ("datasets", ChunkColumn.VarcharList), ("arxiv_ids", ChunkColumn.VarcharList),
        ("gated", ChunkColumn.Boolean), ("private", ChunkColumn.Boolean), ("parent_disagreements", ChunkColumn.VarcharList),
        ("card", ChunkColumn.Varchar), ("raw_json", ChunkColumn.Varchar), ("source", ChunkColumn.Varchar), ("import_seq", ChunkColumn.BigInt),
    ];

    /// <summary>The <c>parents</c> columns in <see cref="CatalogSchema.Ddl"/> order.</summary>
    private static readonly (string, ChunkColumn)[] ParentColumns =
    [
        ("child", ChunkColumn.Varchar), ("parent", ChunkColumn.Varchar), ("relation", ChunkColumn.Varchar),
        ("source", ChunkColumn.Varchar), ("import_seq", ChunkColumn.BigInt),
    ];

    private readonly ChunkAppender _models;
    private readonly ChunkAppender _parents;

    /// <summary>Opens both appenders on the connection (inside its current transaction).</summary>
    public RecordAppender(DuckDBConnection connection)
    {
        _models = new ChunkAppender(connection, "models", ModelColumns);
        try
        {
            _parents = new ChunkAppender(connection, "parents", ParentColumns);
        }
        catch
        {
            _models.Dispose();
            throw;
        }
    }

    /// <summary>Appends the record from <paramref name="source"/> as version <paramref name="seq"/>.</summary>
    public void Append(ModelRecord record, string source, long seq)
    {
        WriteModel(_models.Row, record, source, seq);
        _models.EndRow();
        foreach (var link in record.Parents)
        {
            WriteParent(_parents.Row, record.Id, link, seq);
            _parents.EndRow();
        }
    }

    /// <summary>
    /// Writes a parsed batch into chunks on the calling thread (any thread): item i (record or reject) is version
    /// <paramref name="firstSeq"/> + i, so versions follow the source's order across batches. The chunks reach DuckDB only
    /// through <see cref="Append(FilledBatch)"/> on the appending thread.
    /// </summary>
    public FilledBatch Fill(IEnumerable<SourceItem> items, string source, long firstSeq)
    {
        var batch = new FilledBatch();
        RowChunk? models = null, parents = null;
        // items may be parsed lazily: each record is written right after it is parsed, while it is still in the cache
        foreach (var item in items)
        {
            var i = batch.Read++;
            if (item.Record is not { } record)
            {
                batch.Rejects.Add((item.Line, item.Reject!));
                continue;
            }
            var seq = firstSeq + i;
            models = Next(_models, models, batch.Models);
            WriteModel(models, record, source, seq);
            models.EndRow();
            foreach (var link in record.Parents)
            {
                parents = Next(_parents, parents, batch.Parents);
                WriteParent(parents, record.Id, link, seq);
                parents.EndRow();
            }
            batch.Accepted++;
        }
        return batch;

        static RowChunk Next(ChunkAppender table, RowChunk? current, List<RowChunk> filled)
        {
            if (current is { IsFull: false })
            {
                return current;
            }
            var chunk = table.Rent();
            filled.Add(chunk);
            return chunk;
        }
    }

    /// <summary>Hands a filled batch's rows to DuckDB (on the appending thread).</summary>
    public void Append(FilledBatch batch)
    {
        foreach (var chunk in batch.Models)
        {
            _models.Append(chunk);
        }
        foreach (var chunk in batch.Parents)
        {
            _parents.Append(chunk);
        }
    }

    /// <summary>Takes back the chunks of a batch that will not be appended.</summary>
    public void Discard(FilledBatch batch)
    {
        batch.Models.ForEach(_models.Discard);
        batch.Parents.ForEach(_parents.Discard);
    }

    private static void WriteModel(RowChunk m, ModelRecord record, string source, long seq)
    {
        m.SetString(0, record.Id);
        m.SetString(1, record.Author);
        m.SetTimestamp(2, record.CreatedAt);
        m.SetTimestamp(3, record.LastModified);
        m.SetInt64(4, record.Downloads);
        m.SetInt64(5, record.Likes);
        m.SetDouble(6, record.TrendingScore);
        m.SetString(7, record.Task);
        m.SetString(8, record.Library);
        m.SetStringList(9, record.Tags);
        m.SetStringList(10, record.Licenses);
        m.SetStringList(11, record.Languages);
        m.SetStringList(12, record.OtherLanguages);
        m.SetStringList(13, record.Datasets);
        m.SetStringList(14, record.ArxivIds);
        m.SetBoolean(15, record.Gated);
        m.SetBoolean(16, record.Private);
        m.SetStringList(17, record.ParentDisagreements);
        m.SetString(18, record.Card);
        m.SetString(19, record.RawJson);
        m.SetString(20, source);
        m.SetInt64(21, seq);
    }

    private static void WriteParent(RowChunk p, string child, ParentLink link, long seq)
    {
        p.SetString(0, child);
        p.SetString(1, link.Parent);
        p.SetString(2, link.Relation.Name());
        p.SetString(3, CatalogImporter.SourceName(link.Source));
        p.SetInt64(4, seq);
    }

    /// <summary>Hands every pending row to DuckDB; call before the merge reads the tables.</summary>
    public void Close()
    {
        _models.Close();
        _parents.Close();
    }

    public void Dispose()
    {
        _models.Dispose();
        _parents.Dispose();
    }
}
