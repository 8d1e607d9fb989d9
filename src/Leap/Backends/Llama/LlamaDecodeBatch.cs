using System.Runtime.InteropServices;
using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// One reusable batch for <c>llama_decode</c>, allocated once on the pinned object heap: adding a row writes four integers and
/// decoding passes the arrays' fixed addresses, so a decode step allocates and pins nothing. Every row belongs to one sequence.
/// </summary>
internal sealed class LlamaDecodeBatch
{
    private readonly int[] _tokens;
    private readonly int[] _positions;
    private readonly int[] _sequenceIdCounts;
    private readonly int[] _sequenceIds;
    private readonly IntPtr[] _sequenceIdRows;
    private readonly byte[] _logits;
    private readonly LlamaBatchLayout _layout;

    public LlamaDecodeBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _tokens = GC.AllocateArray<int>(capacity, pinned: true);
        _positions = GC.AllocateArray<int>(capacity, pinned: true);
        _sequenceIdCounts = GC.AllocateArray<int>(capacity, pinned: true);
        _sequenceIds = GC.AllocateArray<int>(capacity, pinned: true);
        _sequenceIdRows = GC.AllocateArray<IntPtr>(capacity, pinned: true);
        _logits = GC.AllocateArray<byte>(capacity, pinned: true);
        Array.Fill(_sequenceIdCounts, 1);
        var ids = Marshal.UnsafeAddrOfPinnedArrayElement(_sequenceIds, 0);
        for (var i = 0; i < capacity; i++)
        {
            _sequenceIdRows[i] = ids + (i * sizeof(int)); // row i's one sequence id
        }
        _layout = new LlamaBatchLayout(0, Marshal.UnsafeAddrOfPinnedArrayElement(_tokens, 0), IntPtr.Zero,
            Marshal.UnsafeAddrOfPinnedArrayElement(_positions, 0), Marshal.UnsafeAddrOfPinnedArrayElement(_sequenceIdCounts, 0),
            Marshal.UnsafeAddrOfPinnedArrayElement(_sequenceIdRows, 0), Marshal.UnsafeAddrOfPinnedArrayElement(_logits, 0));
    }

    /// <summary>Most rows the batch holds.</summary>
    public int Capacity { get; }

    /// <summary>Rows added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the batch.</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds one token of <paramref name="sequence"/> at <paramref name="position"/>; returns its row (the logits index when <paramref name="logits"/>).</summary>
    public int Add(LLamaToken token, int position, LLamaSeqId sequence, bool logits)
    {
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"the decode batch holds {Capacity} rows");
        }
        var row = Count++;
        _tokens[row] = (int)token;
        _positions[row] = position;
        _sequenceIds[row] = sequence.Value;
        _logits[row] = logits ? (byte)1 : (byte)0;
        return row;
    }

    /// <summary>Calls <c>llama_decode</c> on <paramref name="context"/> with the rows added so far.</summary>
    public DecodeResult Decode(SafeLLamaContextHandle context)
    {
        if (Count == 0)
        {
            return DecodeResult.Ok;
        }
        var added = false;
        try
        {
            context.DangerousAddRef(ref added);
            return (DecodeResult)LlamaNative.Decode(context.DangerousGetHandle(), _layout with { Tokens = Count });
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }
}
