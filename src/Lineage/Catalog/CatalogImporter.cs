using DuckDB.NET.Data;
using Kinship.Files;
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
    private const string CheckpointThreshold = "256MB";
    /// <summary>Threads that parse JSON Lines records (and write every format's records into chunks) while this one appends them.</summary>
    private static readonly int ParseWorkers = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Records per batch of a format read on one thread, and batches in flight. Its records live from their parse until their
    /// batch is filled: 2,048 a batch and eight in flight kept them past the first collection and made the study CSV 1.4×
    /// slower (the reader thread, the bottleneck, did the collections); 256 and two per worker match the old read-ahead.
    /// </summary>
    private const int SequentialBatch = 256;

    private static readonly int SequentialWindow = 2 * ParseWorkers;

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
    /// <exception cref="IOException">The catalog path is a source or an existing file that is no DuckDB database: nothing is written.</exception>
    public IReadOnlyList<SourceImportResult> Import(
        IReadOnlyList<ImportSource> sources,
        Action<ImportReject>? onReject = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var formats = sources.Select(source => ModelSource.ResolveFormat(source.Path, source.Format)).ToArray();
        OutputPaths.Check(_catalogPath, "the catalog", OutputFileKind.DuckDb, null, sources.Select(source => source.Path));
        using var connection = CatalogConnection.OpenWritable(_catalogPath);
        // Sources smaller than a row group reach the file through the WAL at their commit, and DuckDB checkpoints (recompresses
        // what changed) whenever the WAL passes 16 MB: every third weekly CSV paid a checkpoint of 0.3-0.6 s. A larger threshold
        // leaves one checkpoint for the close (committed sources stay durable in the WAL meanwhile); large sources are
        // written to the file as they stream in either way.
        CatalogConnection.Execute(connection, $"SET memory_limit = '{_memoryLimit}'; SET preserve_insertion_order = false; SET checkpoint_threshold = '{CheckpointThreshold}';");
        var results = new List<SourceImportResult>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            try
            {
                results.Add(ImportOne(connection, sources[i].Path, formats[i], i, sources.Count, onReject, progress, cancellationToken));
            }
            catch (CatalogWriteException e) when (IsDiskFull(e.Message))
            {
                throw new IOException($"{sources[i].Path}: {AtomicFile.DiskFull(_catalogPath).Message} (nothing of this source was imported)", e);
            }
            catch (IOException e)
            {
                throw new IOException($"{sources[i].Path}: {e.Message} (nothing of this source was imported)", e);
            }
            catch (DuckDBException e) when (IsDiskFull(e.Message))
            {
                throw new IOException($"{sources[i].Path}: {AtomicFile.DiskFull(_catalogPath).Message} (nothing of this source was imported)", e);
            }
        }
        return results;
    }

    /// <summary>
    /// DuckDB reports a full disk as an I/O error naming the WAL or the database file, or (when a background flush hit
    /// it first) only as an aborted transaction; the free space of the catalog's disk tells the second case apart.
    /// </summary>
    private bool IsDiskFull(string message)
    {
        if (message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!message.Contains("transaction is aborted", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            var root = Path.GetDirectoryName(Path.GetFullPath(_catalogPath))!;
            return new DriveInfo(root).AvailableFreeSpace < 16 << 20;
        }
        catch (Exception probe) when (probe is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static SourceImportResult ImportOne(
        DuckDBConnection connection, string path, InputFormat format, int index, int count,
        Action<ImportReject>? onReject, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        long read = 0, accepted = 0, rejected = 0;
        using var transaction = connection.BeginTransaction();
        // records append straight into the catalog tables (DuckDB spills large transactions to the file, so memory
        // stays flat); import_seq orders them after everything already there, and the merge below deletes the
        // versions they replace. Nothing is visible to others, or survives a crash, before the commit.
        var baseSeq = CatalogConnection.Scalar(connection, "SELECT coalesce(max(import_seq), 0) FROM models");
        var totalBytes = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            // a reader may close the stream when it has read everything (Sep does): the file is then read to its end
            void Report(long records) => progress?.Report(new ImportProgress(path, index, count, records, "reading", stream.CanSeek ? stream.Position : totalBytes, totalBytes));
            Report(0);
            // while rows stream in, DuckDB compresses full row groups on the appending thread: its worker threads would
            // only contend with the parse workers for the cores (measured 20 % slower with them); merge and commit get them back
            CatalogConnection.Execute(connection, "SET threads = 1");
            using (var appender = new RecordAppender(connection))
            {
                // JSON Lines are split on a reader thread and parsed on every core; every other format is read on the
                // reader thread. Either way the records are written into data chunks on the workers, and this thread only
                // hands the chunks to DuckDB, in source order: item n of the source (1-based) is version baseSeq + n.
                var batches = format == InputFormat.Listing && !ListingReader.IsJsonArray(stream)
                    ? ListingReader.ReadLinesParallel(stream, ParseWorkers, (items, first) => appender.Fill(items, path, baseSeq + 1 + first), appender.Discard)
                    : OrderedPipeline.Run(OrderedPipeline.Batch(ModelSource.Read(stream, format), SequentialBatch),
                        batch => appender.Fill(batch.Items, path, baseSeq + 1 + batch.FirstOrdinal), SequentialWindow, appender.Discard);
                long nextReport = ProgressEvery;
                foreach (var batch in batches)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        appender.Discard(batch);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    read += batch.Read;
                    accepted += batch.Accepted;
                    rejected += batch.Rejects.Count;
                    foreach (var (line, reason) in batch.Rejects)
                    {
                        onReject?.Invoke(new ImportReject(path, line, reason));
                    }
                    appender.Append(batch);
                    if (read >= nextReport)
                    {
                        Report(read);
                        nextReport = (read / ProgressEvery + 1) * ProgressEvery;
                    }
                }
                appender.Close();
            }
            CatalogConnection.Execute(connection, "RESET threads");
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new ImportProgress(path, index, count, read, "merging", totalBytes, totalBytes));
        // the ids this source wrote, each with its last version; every older version of them (from an earlier source, or
        // earlier in this one) goes, with its parents. The catalog holds one row per id before the source, so the rows the
        // second delete removes are exactly the records this source replaced (counting them separately cost a third join).
        CatalogConnection.Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE import_touched AS
                SELECT id, max(import_seq) AS keep FROM models WHERE import_seq > {baseSeq} GROUP BY id;
            DELETE FROM parents p USING import_touched t WHERE p.child = t.id AND (p.import_seq IS NULL OR p.import_seq < t.keep);
            """);
        long replaced = CatalogConnection.Execute(connection,
            "DELETE FROM models m USING import_touched t WHERE m.id = t.id AND (m.import_seq IS NULL OR m.import_seq < t.keep)");
        CatalogConnection.Execute(connection, "DROP TABLE import_touched");
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
        progress?.Report(new ImportProgress(path, index, count, read, "committing", totalBytes, totalBytes));
        transaction.Commit();
        progress?.Report(new ImportProgress(path, index, count, read, "done", totalBytes, totalBytes));
        return new SourceImportResult(path, format, read, accepted, replaced, rejected, started, finished);
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
