using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// One sequence's place in the llama.cpp KV cache: its sequence id, how many tokens the cache holds, the tokens queued for the
/// next decode, and where its logits are (valid only until the next decode overwrites llama.cpp's output buffer).
/// </summary>
internal sealed class LlamaSlot : IDisposable
{
    private readonly LlamaBatchDecoder _decoder;
    private LLamaToken[] _queue = new LLamaToken[16];
    private int _queueStart;
    private int _queueEnd;

    internal LlamaSlot(LlamaBatchDecoder decoder, LLamaSeqId id)
    {
        _decoder = decoder;
        SequenceId = id;
    }

    /// <summary>llama.cpp's sequence id of this slot.</summary>
    public LLamaSeqId SequenceId { get; }

    /// <summary>Tokens the KV cache holds for this sequence (positions 0 … Evaluated − 1).</summary>
    public int Evaluated { get; internal set; }

    /// <summary>Tokens queued and not decoded yet.</summary>
    public int Queued => _queueEnd - _queueStart;

    /// <summary>Evaluated plus queued tokens.</summary>
    public int TokenCount => Evaluated + Queued;

    /// <summary>True while queued tokens wait for a decode.</summary>
    public bool RequiresInference => Queued > 0;

    /// <summary>True when the last decode produced this sequence's logits and nothing has overwritten them.</summary>
    public bool RequiresSampling => Queued == 0 && LogitsIndex >= 0 && LogitsEpoch == _decoder.Epoch;

    /// <summary>Row of llama.cpp's output buffer holding this sequence's logits, or −1.</summary>
    internal int LogitsIndex { get; set; } = -1;

    /// <summary>The decoder epoch in which <see cref="LogitsIndex"/> was written.</summary>
    internal ulong LogitsEpoch { get; set; }

    internal bool IsDisposed { get; private set; }

    internal ReadOnlySpan<LLamaToken> QueuedTokens => _queue.AsSpan(_queueStart, Queued);

    /// <summary>Queues <paramref name="tokens"/> for the next decode.</summary>
    public void Prompt(ReadOnlySpan<LLamaToken> tokens)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (tokens.IsEmpty)
        {
            return;
        }
        if (_queueEnd + tokens.Length > _queue.Length)
        {
            var grown = new LLamaToken[Math.Max(_queue.Length * 2, Queued + tokens.Length)];
            QueuedTokens.CopyTo(grown);
            _queueEnd = Queued;
            _queueStart = 0;
            _queue = grown;
        }
        tokens.CopyTo(_queue.AsSpan(_queueEnd));
        var wasEmpty = Queued == 0;
        _queueEnd += tokens.Length;
        LogitsIndex = -1;
        if (wasEmpty)
        {
            _decoder.Enlist(this);
        }
    }

    /// <summary>Queues one token.</summary>
    public void Prompt(LLamaToken token) => Prompt([token]);

    /// <summary>Removes the last <paramref name="tokens"/> evaluated tokens from the KV cache.</summary>
    public void Rewind(int tokens)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Queued > 0)
        {
            throw new InvalidOperationException($"sequence slot {SequenceId.Value} has queued tokens; decode them before rewinding");
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tokens, Evaluated);
        if (tokens == 0)
        {
            return;
        }
        _decoder.Context.MemorySequenceRemove(SequenceId, Evaluated - tokens, -1);
        Evaluated -= tokens;
        LogitsIndex = -1;
    }

    /// <summary>A new slot sharing this slot's cells (and its logits, when they are current).</summary>
    public LlamaSlot Fork()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Queued > 0)
        {
            throw new InvalidOperationException($"sequence slot {SequenceId.Value} has queued tokens; decode them before forking");
        }
        return _decoder.Fork(this);
    }

    /// <summary>Takes <paramref name="count"/> tokens off the front of the queue once a decode evaluated them.</summary>
    internal void Consume(int count)
    {
        _queueStart += count;
        Evaluated += count;
        if (_queueStart == _queueEnd)
        {
            _queueStart = _queueEnd = 0;
        }
    }

    internal void DropQueue() => _queueStart = _queueEnd = 0;

    /// <summary>Frees the slot's cells and its sequence id.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }
        IsDisposed = true;
        _decoder.Release(this);
    }
}
