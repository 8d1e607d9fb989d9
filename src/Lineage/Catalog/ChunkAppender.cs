using System.Collections.Concurrent;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// Appends <see cref="RowChunk"/>s to one table through DuckDB's C API appender. Together they do the job of DuckDB.NET's
/// <c>DuckDBAppender</c> without its per-value dispatch, boxing and per-string allocations, which cost the import about
/// 15 µs a row (docs/benchmarks.md, issue 16); and chunks can be filled on other threads while this one appends.
/// </summary>
/// <remarks>
/// DuckDB's refusals (a constraint, a full disk) surface as <see cref="CatalogWriteException"/> naming the table, which
/// the importer reports against the source. The column kinds are checked against the table when it opens, so a catalog
/// whose schema differs fails here with the column's name, not with corrupt rows.
/// </remarks>
internal sealed class ChunkAppender : IDisposable
{
    /// <summary>
    /// Rows between explicit flushes (counted in rows: a batch of long records fills only part of a chunk). DuckDB's
    /// appender itself buffers 204,800 rows before it moves them into the table, outside the memory limit: 1.2 GB of
    /// real-length (6 KB) Hub records. 16,384 rows keep that under 100 MB.
    /// </summary>
    private const int FlushEveryRows = 8 * RowChunk.Capacity;

    private readonly string _table;
    private readonly ChunkColumn[] _kinds;
    private readonly DuckDB.NET.Native.DuckDBAppender _appender;
    private readonly DuckDBLogicalType[] _types;
    private readonly IntPtr[] _handles;
    private readonly ConcurrentBag<RowChunk> _pool = [];
    private readonly ConcurrentBag<RowChunk> _all = [];
    private RowChunk? _open;
    private int _unflushed;
    private bool _closed;

    /// <summary>Opens an appender on <paramref name="table"/>, whose columns must be exactly <paramref name="columns"/>.</summary>
    public ChunkAppender(DuckDBConnection connection, string table, IReadOnlyList<(string Name, ChunkColumn Kind)> columns)
    {
        _table = table;
        if (NativeMethods.Appender.DuckDBAppenderCreateExt(connection.NativeConnection, null, null, table, out _appender) != DuckDBState.Success)
        {
            var message = AppenderError();
            _appender.Dispose();
            throw new CatalogWriteException($"cannot append to {table}: {message}");
        }
        var count = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(_appender);
        if (count != columns.Count)
        {
            _appender.Dispose();
            throw new InvalidOperationException($"table {table} has {count} columns, the importer writes {columns.Count}: the catalog's schema is not this version's");
        }
        _kinds = new ChunkColumn[count];
        _types = new DuckDBLogicalType[count];
        _handles = new IntPtr[count];
        for (var i = 0; i < count; i++)
        {
            _types[i] = NativeMethods.Appender.DuckDBAppenderColumnType(_appender, (ulong)i);
            _handles[i] = _types[i].DangerousGetHandle();
            _kinds[i] = columns[i].Kind;
            if (!Matches(_types[i], columns[i].Kind))
            {
                Dispose();
                throw new InvalidOperationException($"column {i + 1} of table {table} is not {columns[i].Kind} ({columns[i].Name}): the catalog's schema is not this version's");
            }
        }
    }

    /// <summary>The chunk rows are written into on this thread (<see cref="EndRow"/> hands it over when full).</summary>
    public RowChunk Row => _open ??= Rent();

    /// <summary>Rows appended so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Closes the row of <see cref="Row"/>; a full chunk goes to DuckDB.</summary>
    public void EndRow()
    {
        var chunk = _open!;
        chunk.EndRow();
        if (chunk.IsFull)
        {
            _open = null;
            Append(chunk);
        }
    }

    /// <summary>An empty chunk of this table's columns, for any thread to fill (thread-safe).</summary>
    public RowChunk Rent()
    {
        if (_pool.TryTake(out var chunk))
        {
            return chunk;
        }
        chunk = new RowChunk(_table, _handles, _kinds);
        _all.Add(chunk);
        return chunk;
    }

    /// <summary>Hands a filled chunk's rows to DuckDB (on the appender's thread) and takes the chunk back for reuse.</summary>
    public void Append(RowChunk chunk)
    {
        if (chunk.Rows > 0)
        {
            chunk.Seal();
            if (NativeMethods.Appender.DuckDBAppendDataChunk(_appender, chunk.Handle) != DuckDBState.Success)
            {
                throw new CatalogWriteException($"cannot append to {_table}: {AppenderError()}");
            }
            Rows += chunk.Rows;
            _unflushed += chunk.Rows;
            chunk.Reset();
            if (_unflushed >= FlushEveryRows)
            {
                _unflushed = 0;
                if (NativeMethods.Appender.DuckDBAppenderFlush(_appender) != DuckDBState.Success)
                {
                    throw new CatalogWriteException($"cannot append to {_table}: {AppenderError()}");
                }
            }
        }
        _pool.Add(chunk);
    }

    /// <summary>Takes back a chunk whose rows are not wanted (an abandoned batch).</summary>
    public void Discard(RowChunk chunk)
    {
        chunk.Reset();
        _pool.Add(chunk);
    }

    /// <summary>Hands the open chunk to DuckDB and closes the appender (its rows become part of the transaction).</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        try
        {
            if (_open is { } open)
            {
                _open = null;
                Append(open);
            }
            if (NativeMethods.Appender.DuckDBAppenderClose(_appender) != DuckDBState.Success)
            {
                throw new CatalogWriteException($"cannot append to {_table}: {AppenderError()}");
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Releases the native objects; rows not yet closed with <see cref="Close"/> are discarded.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            Release();
        }
    }

    private void Release()
    {
        foreach (var chunk in _all)
        {
            chunk.Dispose();
        }
        foreach (var type in _types)
        {
            type?.Dispose();
        }
        _appender.Dispose();
    }

    private string AppenderError()
    {
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(_appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error);
    }

    private static bool Matches(DuckDBLogicalType type, ChunkColumn kind)
    {
        var id = NativeMethods.LogicalType.DuckDBGetTypeId(type);
        return kind switch
        {
            ChunkColumn.Varchar => id == DuckDBType.Varchar,
            ChunkColumn.BigInt => id == DuckDBType.BigInt,
            ChunkColumn.Double => id == DuckDBType.Double,
            ChunkColumn.Boolean => id == DuckDBType.Boolean,
            ChunkColumn.TimestampTz => id == DuckDBType.TimestampTz,
            ChunkColumn.VarcharList => id == DuckDBType.List && IsVarcharList(type),
            _ => false,
        };
    }

    private static bool IsVarcharList(DuckDBLogicalType type)
    {
        using var child = NativeMethods.LogicalType.DuckDBListTypeChildType(type);
        return NativeMethods.LogicalType.DuckDBGetTypeId(child) == DuckDBType.Varchar;
    }
}
