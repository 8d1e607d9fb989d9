using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Native;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// One DuckDB data chunk being filled row by row through the C API: fixed-width values straight into the vectors'
/// memory, text as UTF-8 (through a reused buffer), lists into the list's child vector.
/// A chunk is filled by one thread at a time (any thread: it touches no connection) and handed to its table's
/// <see cref="ChunkAppender"/>, which resets it for reuse.
/// </summary>
/// <remarks>
/// Rows are written column by column with the <c>Set…</c> methods and closed by <see cref="EndRow"/>; every column of
/// a row must be set exactly once, in any order, and at most <see cref="Capacity"/> rows fit.
/// </remarks>
internal sealed unsafe class RowChunk : IDisposable
{
    /// <summary>DuckDB's data chunk capacity (<c>STANDARD_VECTOR_SIZE</c>).</summary>
    public const int Capacity = 2048;

    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly string _table;
    private readonly ChunkColumn[] _kinds;
    private readonly IntPtr[] _vectors;
    private readonly IntPtr[] _children;
    private readonly void*[] _data;
    private readonly ulong*[] _validity;
    private readonly ulong[] _childCount;
    private readonly ulong[] _childCapacity;
    private byte[] _scratch = new byte[1024];
    private int _row;

    /// <summary>A chunk of the given column types (handles owned by the caller, alive while the chunk is).</summary>
    public RowChunk(string table, IntPtr[] types, ChunkColumn[] kinds)
    {
        _table = table;
        _kinds = kinds;
        Handle = NativeMethods.DataChunks.DuckDBCreateDataChunk(types, (ulong)types.Length);
        _vectors = new IntPtr[kinds.Length];
        _children = new IntPtr[kinds.Length];
        _data = new void*[kinds.Length];
        _validity = new ulong*[kinds.Length];
        _childCount = new ulong[kinds.Length];
        _childCapacity = new ulong[kinds.Length];
        BindVectors();
    }

    /// <summary>The native chunk.</summary>
    public DuckDBDataChunk Handle { get; }

    /// <summary>Rows closed so far.</summary>
    public int Rows => _row;

    /// <summary>True when no further row fits.</summary>
    public bool IsFull => _row == Capacity;

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

    /// <summary>Closes the row.</summary>
    public void EndRow() => _row++;

    /// <summary>Sets the native row count (before DuckDB reads the chunk).</summary>
    public void Seal() => NativeMethods.DataChunks.DuckDBDataChunkSetSize(Handle, (ulong)_row);

    /// <summary>Empties the chunk for reuse.</summary>
    public void Reset()
    {
        NativeMethods.DataChunks.DuckDBDataChunkReset(Handle);
        _row = 0;
        BindVectors();
    }

    public void Dispose() => Handle.Dispose();

    /// <summary>Looks up every vector's memory again (a reset chunk may have new buffers) and empties the lists.</summary>
    private void BindVectors()
    {
        for (var i = 0; i < _vectors.Length; i++)
        {
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(Handle, i);
            _vectors[i] = vector;
            _data[i] = NativeMethods.Vectors.DuckDBVectorGetData(vector);
            _validity[i] = null;
            if (_kinds[i] == ChunkColumn.VarcharList)
            {
                if (NativeMethods.Vectors.DuckDBListVectorReserve(vector, Capacity) != DuckDBState.Success)
                {
                    throw new CatalogWriteException($"cannot reserve list items in {_table}");
                }
                NativeMethods.Vectors.DuckDBListVectorSetSize(vector, 0);
                _children[i] = NativeMethods.Vectors.DuckDBListVectorGetChild(vector);
                _childCount[i] = 0;
                _childCapacity[i] = Capacity;
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
}
