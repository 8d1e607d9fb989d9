using DuckDB.NET.Data;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// Imports sources into the DuckDB catalog in the order given. Each source is one transaction: its records are
/// appended to staging tables, then merged so that a later record for a model replaces the earlier one and its parents.
/// A failure or cancellation inside a source leaves the catalog as it was before that source.
/// </summary>
public sealed class CatalogImporter
{
    private const int ProgressEvery = 10_000;

    private const string StageDdl = """
        CREATE OR REPLACE TEMP TABLE stage_models (
            seq BIGINT NOT NULL, id VARCHAR NOT NULL, author VARCHAR, created_at TIMESTAMPTZ, last_modified TIMESTAMPTZ,
            downloads BIGINT, likes BIGINT, trending_score DOUBLE, task VARCHAR, library VARCHAR, tags VARCHAR[],
            licenses VARCHAR[], languages VARCHAR[], other_languages VARCHAR[], datasets VARCHAR[], arxiv_ids VARCHAR[],
            gated BOOLEAN, private BOOLEAN, parent_disagreements VARCHAR[], card VARCHAR, raw_json VARCHAR, source VARCHAR);
        CREATE OR REPLACE TEMP TABLE stage_parents (seq BIGINT NOT NULL, child VARCHAR NOT NULL, parent VARCHAR NOT NULL,
            relation VARCHAR NOT NULL, source VARCHAR NOT NULL);
        """;

    private const string ModelColumns = "id, author, created_at, last_modified, downloads, likes, trending_score, task, library, tags, licenses, languages, other_languages, datasets, arxiv_ids, gated, private, parent_disagreements, card, raw_json, source";

    private readonly string _catalogPath;
    private readonly string _memoryLimit;

    /// <summary>An importer into the catalog at <paramref name="catalogPath"/> (created when absent).</summary>
    /// <param name="catalogPath">The DuckDB file.</param>
    /// <param name="memoryLimit">DuckDB's memory limit while importing (it spills to disk beyond it).</param>
    public CatalogImporter(string catalogPath, string memoryLimit = "1GB")
    {
        _catalogPath = catalogPath;
        _memoryLimit = memoryLimit;
    }

    /// <summary>Imports the sources in order; every source's format is resolved before anything is written.</summary>
    /// <exception cref="UnknownFormatException">A source is no known format: nothing is imported.</exception>
    /// <exception cref="FileNotFoundException">A source does not exist: nothing is imported.</exception>
    public IReadOnlyList<SourceImportResult> Import(
        IReadOnlyList<ImportSource> sources,
        Action<ImportReject>? onReject = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var formats = sources.Select(source => ModelSource.ResolveFormat(source.Path, source.Format)).ToArray();
        using var connection = CatalogConnection.OpenWritable(_catalogPath);
        CatalogConnection.Execute(connection, $"SET memory_limit = '{_memoryLimit}'; SET preserve_insertion_order = false;");
        var results = new List<SourceImportResult>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            results.Add(ImportOne(connection, sources[i].Path, formats[i], i, sources.Count, onReject, progress, cancellationToken));
        }
        return results;
    }

    private static SourceImportResult ImportOne(
        DuckDBConnection connection, string path, InputFormat format, int index, int count,
        Action<ImportReject>? onReject, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        long read = 0, accepted = 0, rejected = 0;
        using var transaction = connection.BeginTransaction();
        CatalogConnection.Execute(connection, StageDdl);
        using (var models = connection.CreateAppender("stage_models"))
        using (var parents = connection.CreateAppender("stage_parents"))
        {
            foreach (var item in ModelSource.Read(path, format))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read++;
                if (item.Record is { } record)
                {
                    accepted++;
                    AppendModel(models, accepted, record, path);
                    foreach (var link in record.Parents)
                    {
                        parents.CreateRow()
                            .AppendValue(accepted)
                            .AppendValue(record.Id)
                            .AppendValue(link.Parent)
                            .AppendValue(link.Relation.Name())
                            .AppendValue(SourceName(link.Source))
                            .EndRow();
                    }
                }
                else
                {
                    rejected++;
                    onReject?.Invoke(new ImportReject(path, item.Line, item.Reject!));
                }
                if (read % ProgressEvery == 0)
                {
                    progress?.Report(new ImportProgress(path, index, count, read, "reading"));
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new ImportProgress(path, index, count, read, "merging"));
        CatalogConnection.Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE stage_winners AS
                SELECT * FROM stage_models QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1;
            """);
        var distinct = CatalogConnection.Scalar(connection, "SELECT count(*) FROM stage_winners");
        var existing = CatalogConnection.Scalar(connection, "SELECT count(*) FROM stage_winners w SEMI JOIN models m ON m.id = w.id");
        CatalogConnection.Execute(connection, $"""
            DELETE FROM parents WHERE child IN (SELECT id FROM stage_winners);
            DELETE FROM models WHERE id IN (SELECT id FROM stage_winners);
            INSERT INTO models ({ModelColumns}) SELECT {ModelColumns} FROM stage_winners;
            INSERT INTO parents (child, parent, relation, source)
                SELECT p.child, p.parent, p.relation, p.source FROM stage_parents p JOIN stage_winners w ON p.seq = w.seq;
            DROP TABLE stage_winners;
            DROP TABLE stage_models;
            DROP TABLE stage_parents;
            """);
        var replaced = existing + (accepted - distinct);
        var finished = DateTimeOffset.UtcNow;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO imports VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
            command.Parameters.Add(new DuckDBParameter(path));
            command.Parameters.Add(new DuckDBParameter(format.Name()));
            command.Parameters.Add(new DuckDBParameter(read));
            command.Parameters.Add(new DuckDBParameter(accepted));
            command.Parameters.Add(new DuckDBParameter(replaced));
            command.Parameters.Add(new DuckDBParameter(rejected));
            command.Parameters.Add(new DuckDBParameter(started));
            command.Parameters.Add(new DuckDBParameter(finished));
            command.ExecuteNonQuery();
        }
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        progress?.Report(new ImportProgress(path, index, count, read, "done"));
        return new SourceImportResult(path, format, read, accepted, replaced, rejected, started, finished);
    }

    private static void AppendModel(DuckDBAppender appender, long seq, ModelRecord record, string source)
    {
        appender.CreateRow()
            .AppendValue(seq)
            .AppendValue(record.Id)
            .AppendValue(record.Author)
            .AppendValue(record.CreatedAt)
            .AppendValue(record.LastModified)
            .AppendValue(record.Downloads)
            .AppendValue(record.Likes)
            .AppendValue(record.TrendingScore)
            .AppendValue(record.Task)
            .AppendValue(record.Library)
            .AppendValue(record.Tags)
            .AppendValue(record.Licenses)
            .AppendValue(record.Languages)
            .AppendValue(record.OtherLanguages)
            .AppendValue(record.Datasets)
            .AppendValue(record.ArxivIds)
            .AppendValue(record.Gated)
            .AppendValue(record.Private)
            .AppendValue(record.ParentDisagreements)
            .AppendValue(record.Card)
            .AppendValue(record.RawJson)
            .AppendValue(source)
            .EndRow();
    }

    /// <summary>The catalog's comma list for a <see cref="ParentSource"/> (<c>tags</c>, <c>card</c>, <c>table</c>).</summary>
    public static string SourceName(ParentSource source) => source switch
    {
        ParentSource.Tags => "tags",
        ParentSource.Card => "card",
        ParentSource.Table => "table",
        ParentSource.Tags | ParentSource.Card => "tags,card",
        ParentSource.Tags | ParentSource.Table => "tags,table",
        ParentSource.Card | ParentSource.Table => "card,table",
        ParentSource.Tags | ParentSource.Card | ParentSource.Table => "tags,card,table",
        _ => "",
    };
}
