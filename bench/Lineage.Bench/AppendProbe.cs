using System.Diagnostics;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Bench;

/// <summary>
/// Times only the catalog writer: records parsed into memory first, then appended in one transaction and committed.
/// The variant names what to vary (any combination): <c>netapp</c> DuckDB.NET's row appender instead of the importer's
/// <see cref="RecordAppender"/>, <c>noraw</c> records without their raw JSON, <c>nofsst</c> DuckDB's FSST string
/// compression disabled, <c>t1</c> one DuckDB thread.
/// </summary>
internal static class AppendProbe
{
    public static void Run(string file, string work, string variant)
    {
        var records = new List<ModelRecord>();
        using (var stream = File.OpenRead(file))
        {
            foreach (var item in ListingReader.ReadLines(stream))
            {
                if (item.Record is { } r)
                {
                    records.Add(variant.Contains("noraw") ? r with { RawJson = null } : r);
                }
            }
        }
        var catalog = Path.Combine(work, "probe.duckdb");
        File.Delete(catalog);
        File.Delete(catalog + ".wal");
        using var connection = CatalogConnection.OpenWritable(catalog);
        if (variant.Contains("t1"))
        {
            CatalogConnection.Execute(connection, "SET threads = 1");
        }
        if (variant.Contains("nofsst"))
        {
            CatalogConnection.Execute(connection, "SET disabled_compression_methods = 'fsst'");
        }
        using var transaction = connection.BeginTransaction();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long seq = 0;
        if (variant.Contains("netapp"))
        {
            using var models = connection.CreateAppender("models");
            using var parents = connection.CreateAppender("parents");
            foreach (var record in records)
            {
                seq++;
                models.CreateRow().AppendValue(record.Id).AppendValue(record.Author).AppendValue(record.CreatedAt).AppendValue(record.LastModified)
                    .AppendValue(record.Downloads).AppendValue(record.Likes).AppendValue(record.TrendingScore).AppendValue(record.Task)
                    .AppendValue(record.Library).AppendValue(record.Tags).AppendValue(record.Licenses).AppendValue(record.Languages)
                    .AppendValue(record.OtherLanguages).AppendValue(record.Datasets).AppendValue(record.ArxivIds).AppendValue(record.Gated)
                    .AppendValue(record.Private).AppendValue(record.ParentDisagreements).AppendValue(record.Card).AppendValue(record.RawJson)
                    .AppendValue(file).AppendValue(seq).EndRow();
                foreach (var link in record.Parents)
                {
                    parents.CreateRow().AppendValue(record.Id).AppendValue(link.Parent).AppendValue(link.Relation.Name())
                        .AppendValue(CatalogImporter.SourceName(link.Source)).AppendValue(seq).EndRow();
                }
            }
        }
        else
        {
            using (var appender = new RecordAppender(connection))
            {
                foreach (var record in records)
                {
                    appender.Append(record, file, ++seq);
                }
                appender.Close();
            }
        }
        var append = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        clock.Restart();
        transaction.Commit();
        var commit = clock.Elapsed.TotalSeconds;
        connection.Close();
        var writer = append + commit + clock.Elapsed.TotalSeconds - commit;
        var writerCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine($"{variant}: append {append:F2} s ({append / records.Count * 1e6:F2} µs/row, cpu {cpu:F2} s), commit + close {writer - append:F2} s; writer {writer:F2} s wall, {writerCpu:F2} s CPU; catalog {new FileInfo(catalog).Length / 1e6:F0} MB, {records.Count} rows");
        // the peer in the same run: DuckDB's own read_json of the same file into a table (parsing included)
        var peer = Path.Combine(work, "probe-peer.duckdb");
        File.Delete(peer);
        var peerCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        using (var duck = new DuckDB.NET.Data.DuckDBConnection($"Data Source={peer}"))
        {
            duck.Open();
            CatalogConnection.Execute(duck, "SET memory_limit = '1GB'; SET preserve_insertion_order = false;");
            CatalogConnection.Execute(duck, $"CREATE TABLE t AS SELECT * FROM read_json('{file.Replace("'", "''", StringComparison.Ordinal)}', format = 'newline_delimited')");
        }
        var peerWall = clock.Elapsed.TotalSeconds;
        var peerCpu = (Process.GetCurrentProcess().TotalProcessorTime - peerCpu0).TotalSeconds;
        File.Delete(peer);
        Console.WriteLine($"read_json into a table: {peerWall:F2} s wall, {peerCpu:F2} s CPU; writer alone / read_json = {writer / peerWall:F2}x wall, {writerCpu / peerCpu:F2}x CPU");
    }
}
