using System.Diagnostics;
using System.Globalization;
using System.Text.Unicode;
using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Bench;

/// <summary>
/// Times each stage of importing one JSON Lines listing file on one thread (line splitting, JSON parsing, record
/// assembly with the tag grammar, the appender, merge, commit), plus DuckDB's own <c>read_json</c> of the same file.
/// </summary>
internal static class ImportProfile
{
    public static void Run(string file, string work)
    {
        var bytes = new FileInfo(file).Length;
        Console.WriteLine($"profile of {file} ({bytes / 1e6:F0} MB), one thread per stage");

        // 1. line splitting only
        var clock = Stopwatch.StartNew();
        long lines = 0;
        using (var stream = Open(file))
        {
            foreach (var _ in Utf8LineReader.Lines(stream))
            {
                lines++;
            }
        }
        var split = clock.Elapsed.TotalSeconds;
        Report("split lines", split, lines);

        // 2. split + UTF-8 check + JsonDocument
        clock.Restart();
        using (var stream = Open(file))
        {
            foreach (var (_, line) in Utf8LineReader.Lines(stream))
            {
                if (Utf8.IsValid(line.Span))
                {
                    using var document = System.Text.Json.JsonDocument.Parse(line);
                }
            }
        }
        var json = clock.Elapsed.TotalSeconds;
        Report("+ UTF-8 check + JSON parse", json, lines);

        // 3. full record parse (HubJsonRecord, tag grammar, checks); the tag grammar timed again on its own
        clock.Restart();
        var grammar = new Stopwatch();
        long records = 0;
        using (var stream = Open(file))
        {
            foreach (var item in ListingReader.ReadLines(stream))
            {
                if (item.Record is { } record)
                {
                    records++;
                    grammar.Start();
                    TagGrammar.Parse(record.Tags);
                    grammar.Stop();
                }
            }
        }
        var parse = clock.Elapsed.TotalSeconds - grammar.Elapsed.TotalSeconds;
        Report("+ record assembly (ListingReader)", parse, records);
        Report("  of which tag grammar", grammar.Elapsed.TotalSeconds, records);

        // 4. parse + the importer's appender (RecordAppender over ChunkAppender), merge, commit (one thread)
        var catalog = Path.Combine(work, "profile.duckdb");
        File.Delete(catalog);
        File.Delete(catalog + ".wal");
        var append = new Stopwatch();
        clock.Restart();
        using (var connection = CatalogConnection.OpenWritable(catalog))
        {
            CatalogConnection.Execute(connection, "SET memory_limit = '1GB'; SET preserve_insertion_order = false;");
            using var transaction = connection.BeginTransaction();
            long seq = 0;
            using (var appender = new RecordAppender(connection))
            using (var stream = Open(file))
            {
                foreach (var item in ListingReader.ReadLines(stream))
                {
                    if (item.Record is not { } record)
                    {
                        continue;
                    }
                    append.Start();
                    appender.Append(record, file, ++seq);
                    append.Stop();
                }
                append.Start();
                appender.Close();
            }
            append.Stop();
            Report("appender (models + parents, incl. close)", append.Elapsed.TotalSeconds, seq);
            var merge = Stopwatch.StartNew();
            CatalogConnection.Execute(connection, """
                CREATE OR REPLACE TEMP TABLE import_touched AS SELECT id, max(import_seq) AS keep FROM models WHERE import_seq > 0 GROUP BY id;
                """);
            CatalogConnection.Scalar(connection, "SELECT count(*) FROM import_touched");
            CatalogConnection.Execute(connection, "DROP TABLE import_touched");
            Report("merge (touched ids, no replacement)", merge.Elapsed.TotalSeconds, seq);
            var commit = Stopwatch.StartNew();
            transaction.Commit();
            Report("commit", commit.Elapsed.TotalSeconds, seq);
            var close = Stopwatch.StartNew();
            connection.Close();
            Report("close (checkpoint)", close.Elapsed.TotalSeconds, seq);
        }
        Report("one-thread import, total", clock.Elapsed.TotalSeconds, records);

        // 5. DuckDB's own reader into a table
        File.Delete(catalog);
        File.Delete(catalog + ".wal");
        clock.Restart();
        using (var connection = new DuckDBConnection($"Data Source={catalog}"))
        {
            connection.Open();
            CatalogConnection.Execute(connection, "SET memory_limit = '1GB'; SET preserve_insertion_order = false;");
            CatalogConnection.Execute(connection, $"CREATE TABLE t AS SELECT * FROM read_json('{file.Replace("'", "''", StringComparison.Ordinal)}', format = 'newline_delimited')");
        }
        Report("DuckDB read_json into a table", clock.Elapsed.TotalSeconds, records);
        File.Delete(catalog);
    }

    private static FileStream Open(string file) =>
        new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static void Report(string stage, double seconds, long records) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {stage,-44} {seconds,7:F2} s  {records / seconds,12:N0} records/s  cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,6:F1} s"));
}
