
using Kinship.Files;

namespace Kinship.Lineage.Catalog;

/// <summary>Exports the catalog's models, each with its declared parents, to Parquet or JSON Lines (written atomically).</summary>
public static class CatalogExporter
{
    /// <summary>One row per model (ordered by id) with the <c>models</c> columns and a <c>parents</c> list of {parent, relation, source}.</summary>
    public const string ExportQuery = """
        SELECT m.id, m.author, m.created_at, m.last_modified, m.downloads, m.likes, m.trending_score, m.task, m.library,
               m.tags, m.licenses, m.languages, m.other_languages, m.datasets, m.arxiv_ids, m.gated, m.private,
               coalesce(p.parents, []) AS parents, m.parent_disagreements, m.card, m.raw_json, m.source
        FROM models m
        LEFT JOIN (
            SELECT child, list({'parent': parent, 'relation': relation, 'source': source} ORDER BY parent) AS parents
            FROM parents GROUP BY child
        ) p ON p.child = m.id
        ORDER BY m.id
        """;

    /// <summary>Writes the export to a temporary file beside <paramref name="path"/>, then renames it into place; returns the model count.</summary>
    public static long Export(string catalogPath, ExportFormat format, string path, CancellationToken cancellationToken = default)
    {
        OutputPaths.Check(path, "the export", format == ExportFormat.Parquet ? OutputFileKind.Parquet : OutputFileKind.Text, catalogPath);
        using var connection = CatalogConnection.OpenReadOnly(catalogPath);
        return AtomicFile.Replace(path, temporary =>
        {
            using var registration = cancellationToken.Register(() => connection.NativeConnection.Interrupt());
            var options = format == ExportFormat.Parquet ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT json";
            try
            {
                CatalogConnection.Execute(connection, $"COPY ({ExportQuery}) TO '{temporary.Replace("'", "''", StringComparison.Ordinal)}' ({options})");
            }
            catch (DuckDB.NET.Data.DuckDBException e) when (e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
            {
                throw AtomicFile.DiskFull(Path.GetFullPath(path), e);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return CatalogConnection.Scalar(connection, "SELECT count(*) FROM models");
        });
    }
}
