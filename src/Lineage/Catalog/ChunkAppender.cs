using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// Appends rows to one table through DuckDB's C API data chunks, writing each value straight into its vector: fixed-width
/// values into the vector's memory, text as UTF-8 (from a reused buffer, or the caller's own bytes), lists into the
/// list's child vector. It does the same job as DuckDB.NET's <c>DuckDBAppender</c> without its per-value dispatch,
/// boxing and per-string allocations, which cost the import about 15 µs a row (docs/benchmarks.md, issue 16).
/// </summary>
/// <remarks>
/// Rows are written column by column with the <c>Set…</c> methods and closed by <see cref="EndRow"/>; every column of
/// a row must be set exactly once, in any order. DuckDB's refusals (a constraint, a full disk) surface as
/// <see cref="CatalogWriteException"/> naming the table, which the importer reports against the source. The column kinds are checked against the table when it opens, so a
/// catalog whose schema differs fails here with the column's name, not with corrupt rows.
/// </remarks>
internal sealed unsafe class ChunkAppender : IDisposable
{
    /// <summary>DuckDB's data chunk capacity (<c>STANDARD_VECTOR_SIZE</c>).</summary>
    private const int ChunkRows = 2048;

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly string _table;
    private readonly ChunkColumn[] _kinds;
    private readonly DuckDB.NET.Native.DuckDBAppender _appender;
    private readonly DuckDBLogicalType[] _types;
    private readonly DuckDBDataChunk _chunk;
    private readonly IntPtr[] _vectors;
    private readonly IntPtr[] _children;
    private readonly void*[] _data;
    private readonly ulong*[] _validity;
    private readonly ulong[] _childCount;
    private readonly ulong[] _childCapacity;
    private byte[] _scratch = new byte[1024];
    private int _row;
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
        var handles = new IntPtr[count];
        for (var i = 0; i < count; i++)
        {
            _types[i] = NativeMethods.Appender.DuckDBAppenderColumnType(_appender, (ulong)i);
            handles[i] = _types[i].DangerousGetHandle();
            _kinds[i] = columns[i].Kind;
            if (!Matches(_types[i], columns[i].Kind))
            {
                Dispose();
                throw new InvalidOperationException($"column {i + 1} of table {table} is not {columns[i].Kind} ({columns[i].Name}): the catalog's schema is not this version's");
            }
        }
        _chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(handles, (ulong)count);
        _vectors = new IntPtr[count];
        _children = new IntPtr[count];
        _data = new void*[count];
        _validity = new ulong*[count];
        _childCount = new ulong[count];
        _childCapacity = new ulong[count];
        BindVectors();
    }

    /// <summary>Rows appended so far (including the open chunk).</summary>
    public long Rows { get; private set; }

    /// <summary>Sets a text column; null is SQL NULL.</summary>
    public void SetString(int column, string? value)
    {
        if (value is null)
        {
            SetNull(column);
            return;
        }
        AssignString(_vectors[column], (ulong)_row, value);
    }

    /// <summary>Sets a text column from UTF-8 bytes the caller vouches are valid UTF-8.</summary>
    public void SetUtf8(int column, ReadOnlySpan<byte> value)
    {
        fixed (byte* bytes = value)
        {
            NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(_vectors[column], (ulong)_row, bytes, value.Length);
        }
    }

    /// <summary>Sets a BIGINT column.</summary>
    public void SetInt64(int column, long? value)
    {
        if (value is { } v)
        {
            ((long*)_data[column])[_row] = v;
        }
        else
        {
            SetNull(column);
        }
    }

    /// <summary>Sets a DOUBLE column.</summary>
    public void SetDouble(int column, double? value)
    {
        if (value is { } v)
        {
            ((double*)_data[column])[_row] = v;
        }
        else
        {
            SetNull(column);
        }
    }

    /// <summary>Sets a BOOLEAN column.</summary>
    public void SetBoolean(int column, bool? value)
    {
        if (value is { } v)
        {
            ((byte*)_data[column])[_row] = v ? (byte)1 : (byte)0;
        }
        else
        {
            SetNull(column);
        }
    }

    /// <summary>Sets a TIMESTAMPTZ column: microseconds since the Unix epoch in UTC (sub-microsecond ticks floored, as DuckDB.NET does).</summary>
    public void SetTimestamp(int column, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            var ticks = v.UtcTicks - UnixEpochTicks;
            var micros = ticks / 10;
            ((long*)_data[column])[_row] = ticks % 10 < 0 ? micros - 1 : micros;
        }
        else
        {
            SetNull(column);
        }
    }

    /// <summary>Sets a VARCHAR[] column (an empty list is an empty list, not NULL).</summary>
    public void SetStringList(int column, IReadOnlyList<string> values)
    {
        var vector = _vectors[column];
        var offset = _childCount[column];
        var length = (ulong)values.Count;
        if (offset + length > _childCapacity[column])
        {
            var capacity = Math.Max(_childCapacity[column] * 2, offset + length);
            if (NativeMethods.Vectors.DuckDBListVectorReserve(vector, capacity) != DuckDBState.Success)
            {
                throw new CatalogWriteException($"cannot reserve {capacity} list items in {_table}");
            }
            _childCapacity[column] = capacity;
        }
        var child = _children[column];
        for (var i = 0; i < values.Count; i++)
        {
            AssignString(child, offset + (ulong)i, values[i]);
        }
        var entry = (ulong*)_data[column] + 2 * _row; // duckdb_list_entry { uint64 offset; uint64 length; }
        entry[0] = offset;
        entry[1] = length;
        _childCount[column] = offset + length;
        NativeMethods.Vectors.DuckDBListVectorSetSize(vector, offset + length);
    }

    /// <summary>Sets SQL NULL.</summary>
    public void SetNull(int column)
    {
        var validity = _validity[column];
        if (validity == null)
        {
            NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[column]);
            validity = _validity[column] = NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[column]);
        }
        validity[_row >> 6] &= ~(1UL << (_row & 63));
        if (_kinds[column] == ChunkColumn.VarcharList)
        {
            var entry = (ulong*)_data[column] + 2 * _row;
            entry[0] = _childCount[column];
            entry[1] = 0;
        }
    }

    /// <summary>Closes the row; a full chunk goes to DuckDB.</summary>
    public void EndRow()
    {
        _row++;
        Rows++;
        if (_row == ChunkRows)
        {
            Flush();
        }
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
            Flush();
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
        _chunk?.Dispose();
        foreach (var type in _types)
        {
            type?.Dispose();
        }
        _appender.Dispose();
    }

    private void Flush()
    {
        if (_row == 0)
        {
            return;
        }
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(_chunk, (ulong)_row);
        if (NativeMethods.Appender.DuckDBAppendDataChunk(_appender, _chunk) != DuckDBState.Success)
        {
            throw new CatalogWriteException($"cannot append to {_table}: {AppenderError()}");
        }
        NativeMethods.DataChunks.DuckDBDataChunkReset(_chunk);
        _row = 0;
        BindVectors();
    }

    /// <summary>Looks up every vector's memory again (a reset chunk may have new buffers) and empties the lists.</summary>
    private void BindVectors()
    {
        for (var i = 0; i < _vectors.Length; i++)
        {
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(_chunk, i);
            _vectors[i] = vector;
            _data[i] = NativeMethods.Vectors.DuckDBVectorGetData(vector);
            _validity[i] = null;
            if (_kinds[i] == ChunkColumn.VarcharList)
            {
                if (NativeMethods.Vectors.DuckDBListVectorReserve(vector, ChunkRows) != DuckDBState.Success)
                {
                    throw new CatalogWriteException($"cannot reserve list items in {_table}");
                }
                NativeMethods.Vectors.DuckDBListVectorSetSize(vector, 0);
                _children[i] = NativeMethods.Vectors.DuckDBListVectorGetChild(vector);
                _childCount[i] = 0;
                _childCapacity[i] = ChunkRows;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AssignString(IntPtr vector, ulong index, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _scratch.Length)
        {
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        }
        var length = Encoding.UTF8.GetBytes(value, _scratch);
        fixed (byte* bytes = _scratch)
        {
            NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(vector, index, bytes, length);
        }
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
