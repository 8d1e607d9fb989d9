using System.Diagnostics;
using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Peers.Bench;

/// <summary>
/// The design issue 16 names first, measured as a peer: DuckDB itself imports the weekly CSVs into the same catalog schema,
/// one transaction per file (<c>read_csv</c> into a temp table, <c>INSERT … SELECT</c> into <c>models</c> and <c>parents</c>,
/// the importer's merge as set operations, commit). It checks nothing (the real files have no row to reject) and keeps no
/// line numbers, and is told the files' dialect and columns (DuckDB's sniffer costs ≈ 0.1 s a file), so it is a lower bound on
/// what a set-based import of these files costs, not an importer.
/// </summary>
internal static class WeeklySqlPeer
{
    private const string Columns = "{'Model ID': 'VARCHAR', 'Type': 'VARCHAR', 'Base Model': 'VARCHAR'}";

    /// <summary>Imports <paramref name="files"/> in order into a fresh catalog; returns the seconds spent per phase.</summary>
    public static Dictionary<string, double> Import(IReadOnlyList<string> files, string catalog)
    {
        var phases = new Dictionary<string, double>();
        using var connection = CatalogConnection.OpenWritable(catalog);
        void Run(string phase, string sql)
        {
            var started = Stopwatch.GetTimestamp();
            CatalogConnection.Execute(connection, sql);
            phases[phase] = phases.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        Run("settings", "SET preserve_insertion_order = false; SET checkpoint_threshold = '256MB'");
        foreach (var file in files)
        {
            var path = file.Replace("'", "''", StringComparison.Ordinal);
            using var transaction = connection.BeginTransaction();
            var baseSeq = CatalogConnection.Scalar(connection, "SELECT coalesce(max(import_seq), 0) FROM models");
            Run("read_csv", $"""
                CREATE OR REPLACE TEMP TABLE weekly AS
                SELECT row_number() OVER () AS n, trim("Model ID") AS id, nullif(trim("Type"), '') AS relation, "Base Model" AS base
                FROM read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                    columns = {Columns})
                """);
            Run("insert", $"""
                INSERT INTO models (id, author, tags, licenses, languages, other_languages, datasets, arxiv_ids, parent_disagreements, source, import_seq)
                SELECT id, CASE WHEN strpos(id, '/') > 1 THEN split_part(id, '/', 1) END, [], [], [], [], [], [], [], '{path}', {baseSeq} + n
                FROM weekly WHERE id <> '';
                INSERT INTO parents
                SELECT DISTINCT id, parent, coalesce(relation, 'unknown'), 'table', {baseSeq} + n
                FROM (SELECT id, relation, n, trim(unnest(string_split(base, ','))) AS parent FROM weekly WHERE id <> '')
                WHERE parent <> '';
                """);
            Run("merge", $"""
                CREATE OR REPLACE TEMP TABLE touched AS SELECT id, max(import_seq) AS keep FROM models WHERE import_seq > {baseSeq} GROUP BY id;
                DELETE FROM parents p USING touched t WHERE p.child = t.id AND p.import_seq < t.keep;
                DELETE FROM models m USING touched t WHERE m.id = t.id AND m.import_seq < t.keep;
                DROP TABLE touched;
                DROP TABLE weekly;
                """);
            var committing = Stopwatch.GetTimestamp();
            transaction.Commit();
            phases["commit"] = phases.GetValueOrDefault("commit") + Stopwatch.GetElapsedTime(committing).TotalSeconds;
        }
        var closing = Stopwatch.GetTimestamp();
        connection.Close();
        phases["close"] = Stopwatch.GetElapsedTime(closing).TotalSeconds;
        return phases;
    }
}
