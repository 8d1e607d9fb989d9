using LLama;
using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// The minimal batched step over llama.cpp's context (what LLamaSharp's <c>BatchedExecutor</c> does, without its
/// <c>Task.Run</c> and without pinning a batch per call): slots queue tokens, <see cref="DecodeOnce"/> packs up to one batch of
/// them in the order they were queued into one pinned <see cref="LlamaDecodeBatch"/> and calls <c>llama_decode</c> synchronously
/// on the caller's thread. Not thread-safe; the backend serializes calls.
/// </summary>
internal sealed class LlamaBatchDecoder : IDisposable
{
    private readonly LLamaContext _context;
    private readonly LlamaDecodeBatch _batch;
    private readonly bool[] _idInUse;
    private readonly List<LlamaSlot> _queued = [];
    private readonly List<(LlamaSlot Slot, int Count, int LogitsIndex)> _taken = [];
    private readonly int _batchSize;
    private bool _disposed;

    public LlamaBatchDecoder(LLamaContext context, int maxSequences)
    {
        _context = context;
        _idInUse = new bool[maxSequences];
        _batchSize = checked((int)context.BatchSize);
        _batch = new LlamaDecodeBatch(_batchSize);
    }

    /// <summary>llama.cpp's context handle.</summary>
    public SafeLLamaContextHandle Context => _context.NativeHandle;

    /// <summary>The context's KV cells.</summary>
    public uint ContextSize => _context.ContextSize;

    /// <summary>Advanced by every successful decode: logits written in an older epoch are gone.</summary>
    public ulong Epoch { get; private set; } = 1;

    /// <summary>Tokens queued by all slots.</summary>
    public int QueuedTokens
    {
        get
        {
            var total = 0;
            foreach (var slot in _queued)
            {
                total += slot.Queued;
            }
            return total;
        }
    }

    /// <summary>A new, empty slot.</summary>
    public LlamaSlot Create() => new(this, NextId());

    /// <summary>
    /// Decodes one batch (at most the context's batch size) of queued tokens; a slot whose queue empties gets the logits of its
    /// last token. On failure nothing is consumed (llama.cpp restores its memory), so the call can be retried.
    /// </summary>
    public DecodeResult DecodeOnce(out int tokens, out int sequences)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var batch = _batch;
        batch.Clear();
        _taken.Clear();
        var capacity = _batchSize;
        foreach (var slot in _queued)
        {
            if (capacity == 0)
            {
                break;
            }
            var queue = slot.QueuedTokens;
            var n = Math.Min(queue.Length, capacity);
            var last = -1;
            for (var i = 0; i < n; i++)
            {
                last = batch.Add(queue[i], slot.Evaluated + i, slot.SequenceId, i == queue.Length - 1);
            }
            _taken.Add((slot, n, n == queue.Length ? last : -1));
            capacity -= n;
        }
        tokens = batch.Count;
        sequences = _taken.Count;
        if (tokens == 0)
        {
            return DecodeResult.Ok;
        }
        var result = batch.Decode(Context);
        if (result != DecodeResult.Ok)
        {
            return result;
        }
        Epoch++;
        foreach (var (slot, count, logits) in _taken)
        {
            slot.Consume(count);
            if (slot.Queued == 0)
            {
                slot.LogitsIndex = logits;
                slot.LogitsEpoch = Epoch;
            }
        }
        _queued.RemoveAll(static s => s.Queued == 0);
        return DecodeResult.Ok;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _context.Dispose();
    }

    internal void Enlist(LlamaSlot slot) => _queued.Add(slot);

    internal LlamaSlot Fork(LlamaSlot parent)
    {
        var child = new LlamaSlot(this, NextId())
        {
            Evaluated = parent.Evaluated,
            LogitsIndex = parent.LogitsIndex,
            LogitsEpoch = parent.LogitsEpoch,
        };
        Context.MemorySequenceCopy(parent.SequenceId, child.SequenceId, 0, -1);
        return child;
    }

    /// <summary>
    /// Gives the empty slot <paramref name="target"/> the first <paramref name="cells"/> cells of <paramref name="source"/>
    /// (positions 0 … cells − 1, <c>llama_memory_seq_cp</c> over that range): with a unified cache the cells are shared, not copied.
    /// </summary>
    internal void SharePrefix(LlamaSlot source, LlamaSlot target, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cells, source.Evaluated);
        if (target.TokenCount != 0)
        {
            throw new InvalidOperationException($"sequence slot {target.SequenceId.Value} is not empty; only a new slot can share a prefix");
        }
        Context.MemorySequenceCopy(source.SequenceId, target.SequenceId, 0, cells);
        target.Evaluated = cells;
        target.LogitsIndex = -1;
    }

    internal void Release(LlamaSlot slot)
    {
        _queued.Remove(slot);
        slot.DropQueue();
        if (!_disposed)
        {
            Context.MemorySequenceRemove(slot.SequenceId, -1, -1);
        }
        _idInUse[slot.SequenceId.Value] = false;
    }

    private LLamaSeqId NextId()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < _idInUse.Length; i++)
        {
            if (!_idInUse[i])
            {
                _idInUse[i] = true;
                return (LLamaSeqId)i;
            }
        }
        throw new InvalidOperationException($"all {_idInUse.Length} llama.cpp sequence ids are in use");
    }
}
