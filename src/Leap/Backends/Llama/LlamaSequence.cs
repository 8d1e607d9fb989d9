using System.Text;
using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// One path's context inside the llama.cpp backend: a <see cref="LlamaSlot"/> of the shared KV cache, its token list, its text
/// and its own seeded sampler.
/// Tokens not yet evaluated (the last sampled token and appended text) wait in the token list and are
/// prefilled by the next generation call; nothing already in the KV cache is ever evaluated again.
/// </summary>
internal sealed class LlamaSequence : IGenerationSequence
{
    private readonly LlamaBackend _backend;
    private readonly List<LLamaToken> _tokens;
    // per token after the prompt: length of Text once that token is decoded, or -1 when it ends inside a character or inside appended text
    private readonly List<int> _textEnds;
    private readonly StringBuilder _text;
    private readonly Utf8PieceDecoder _decoder = new();
    private readonly int _promptTokens;
    private SafeLLamaSamplerChainHandle _sampler;
    private string? _textCache;
    private bool _disposed;

    internal LlamaSequence(LlamaBackend backend, int id, LlamaSlot slot, IReadOnlyList<LLamaToken> tokens, int promptTokens,
        IReadOnlyList<int> textEnds, string text, SamplingOptions sampling)
    {
        _backend = backend;
        Id = id;
        Slot = slot;
        _tokens = [.. tokens];
        _promptTokens = promptTokens;
        _textEnds = [.. textEnds];
        _text = new StringBuilder(text);
        Sampling = sampling;
        _sampler = LlamaSampler.Create(sampling);
    }

    /// <inheritdoc />
    public int Id { get; }

    /// <inheritdoc />
    public string Text => _textCache ??= _text.ToString();

    /// <inheritdoc />
    public int ContextTokens => _tokens.Count;

    /// <inheritdoc />
    public long TokensDecoded { get; private set; }

    /// <inheritdoc />
    public long TokensPrefilled { get; private set; }

    internal LlamaSlot Slot { get; }

    /// <summary>The last <paramref name="length"/> characters of <see cref="Text"/> (fewer when it is shorter).</summary>
    internal string TextTail(int length)
    {
        var take = Math.Min(Math.Max(0, length), _text.Length);
        return _text.ToString(_text.Length - take, take);
    }

    internal LlamaBackend Backend => _backend;

    internal SamplingOptions Sampling { get; }

    internal SafeLLamaSamplerChainHandle Sampler => _sampler;

    internal bool IsDisposed => _disposed;

    /// <summary>Tokens in the token list that the KV cache does not hold yet.</summary>
    internal int PendingTokens => _tokens.Count - Slot.TokenCount;

    /// <summary>Of the pending tokens, how many at the front were sampled by the previous request (decoded, not prefilled).</summary>
    internal int CarriedTokens { get; private set; }

    /// <inheritdoc />
    public IGenerationSequence Fork(SamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        ThrowIfDisposed();
        _backend.ThrowIfGenerating();
        var slot = _backend.ForkSlot(Slot);
        var fork = new LlamaSequence(_backend, _backend.NextSequenceId(), slot, _tokens, _promptTokens, _textEnds, _text.ToString(), sampling);
        _backend.Register(fork);
        fork.CarriedTokens = CarriedTokens;
        _decoder.CopyPendingTo(fork._decoder);
        return fork;
    }

    /// <inheritdoc />
    public void Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfDisposed();
        _backend.ThrowIfGenerating();
        if (text.Length == 0)
        {
            return;
        }
        var tokens = _backend.TokenizeAppended(text);
        EnsureRoom(tokens.Length, "append " + tokens.Length + " tokens");
        if (_decoder.HasPendingBytes)
        {
            _decoder.Flush(_text); // a character split across tokens can no longer complete
        }
        AppendTokens(tokens, text);
    }

    /// <inheritdoc />
    public void Truncate(int length)
    {
        ThrowIfDisposed();
        _backend.ThrowIfGenerating();
        var current = _text.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, current);
        if (length == current && !_decoder.HasPendingBytes)
        {
            return;
        }

        // the last token boundary at or before the cut
        var keepAfterPrompt = _textEnds.Count;
        while (keepAfterPrompt > 0 && (_textEnds[keepAfterPrompt - 1] < 0 || _textEnds[keepAfterPrompt - 1] > length))
        {
            keepAfterPrompt--;
        }
        var boundary = keepAfterPrompt == 0 ? 0 : _textEnds[keepAfterPrompt - 1];
        var keep = _promptTokens + keepAfterPrompt;

        var evaluated = Slot.TokenCount;
        if (keep < evaluated)
        {
            _backend.Rewind(Slot, evaluated - keep);
        }
        var pendingKept = Math.Max(0, keep - evaluated);
        CarriedTokens = Math.Min(CarriedTokens, pendingKept);
        _tokens.RemoveRange(keep, _tokens.Count - keep);
        _textEnds.RemoveRange(keepAfterPrompt, _textEnds.Count - keepAfterPrompt);
        _decoder.Reset();

        var remainder = _text.ToString(boundary, length - boundary);
        _text.Length = boundary;
        _textCache = null;
        if (remainder.Length > 0)
        {
            AppendTokens(_backend.TokenizeContinuation(remainder), remainder);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _sampler.Dispose();
        _backend.Release(this);
    }

    /// <summary>Queues this sequence's pending tokens for evaluation (or re-evaluates its last token when its logits are gone); returns the tokens counted as prefill.</summary>
    internal int PromptPending()
    {
        if (Slot.RequiresInference)
        {
            return 0; // already queued (a cancelled call left it there); the next decode evaluates it
        }
        var pending = PendingTokens;
        if (pending == 0)
        {
            if (Slot.RequiresSampling)
            {
                return 0;
            }
            // the logits of the last token were overwritten by a later batch: evaluate that one token again
            if (Slot.TokenCount == 0)
            {
                throw new InvalidOperationException($"sequence {Id} is empty; start it from a non-empty prompt");
            }
            Slot.Rewind(1);
            pending = 1;
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens)[^pending..];
        Slot.Prompt(span);
        var prefilled = pending - CarriedTokens;
        CarriedTokens = 0;
        TokensPrefilled += prefilled;
        return prefilled;
    }

    /// <summary>Of this sequence's first <paramref name="limit"/> tokens, how many the KV cache already holds for <paramref name="other"/> as well (a common prefix).</summary>
    internal int CommonEvaluatedPrefix(LlamaSequence other, int limit)
    {
        var n = Math.Min(Math.Min(limit, _tokens.Count), Math.Min(other._tokens.Count, other.Slot.Evaluated));
        var mine = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens)[..n];
        var theirs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(other._tokens)[..n];
        var common = 0;
        while (common < n && mine[common] == theirs[common])
        {
            common++;
        }
        return common;
    }

    /// <summary>Tokens of the start prompt whose cells were shared from another live sequence instead of prefilled.</summary>
    internal int ReusedPromptTokens { get; set; }

    /// <summary>Records one sampled token: decodes its piece into <see cref="Text"/> and keeps it pending until it is evaluated.</summary>
    internal int AcceptSampled(LLamaToken token, ReadOnlySpan<byte> piece)
    {
        TokensDecoded++;
        var n = _decoder.Decode(piece, _text);
        if (n > 0)
        {
            _textCache = null;
        }
        _tokens.Add(token);
        _textEnds.Add(_decoder.HasPendingBytes ? -1 : _text.Length);
        CarriedTokens++;
        return n;
    }

    /// <summary>Characters in <see cref="Text"/>.</summary>
    internal int TextLength => _text.Length;

    /// <summary><see cref="Text"/> from <paramref name="start"/> on.</summary>
    internal string TextSince(int start) => _text.ToString(start, _text.Length - start);

    /// <summary>Copies the characters of <see cref="Text"/> from <paramref name="start"/> into <paramref name="destination"/> (its length of them).</summary>
    internal void CopyText(int start, Span<char> destination) => _text.CopyTo(start, destination, destination.Length);

    /// <summary>Counts a sampled end-of-sequence token, which never enters the context.</summary>
    internal void CountEndOfSequence() => TokensDecoded++;

    /// <summary>Sends the one pending sampled token to the batch so the next step can sample after it.</summary>
    internal void PromptLastSampled()
    {
        Slot.Prompt(_tokens[^1]);
        CarriedTokens = 0;
    }

    /// <summary>True when the context has no room for another token.</summary>
    internal bool IsFull => _tokens.Count >= _backend.Info.ContextTokens;

    private void AppendTokens(LLamaToken[] tokens, string text)
    {
        var pieces = _backend.DetokenizePieces(tokens);
        var offset = _text.Length;
        _text.Append(text);
        _textCache = null;
        // token boundaries inside appended text are exact only when the pieces spell the text
        var exact = string.Equals(string.Concat(pieces), text, StringComparison.Ordinal);
        var end = offset;
        for (var i = 0; i < tokens.Length; i++)
        {
            _tokens.Add(tokens[i]);
            end += pieces[i].Length;
            _textEnds.Add(i == tokens.Length - 1 ? offset + text.Length : exact ? end : -1);
        }
    }

    private void EnsureRoom(int tokens, string what)
    {
        var limit = _backend.Info.ContextTokens;
        if (_tokens.Count + tokens > limit)
        {
            throw new InvalidOperationException(
                $"sequence {Id} holds {_tokens.Count} tokens; cannot {what}: the context holds {limit} tokens per sequence (raise the backend's context tokens)");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
