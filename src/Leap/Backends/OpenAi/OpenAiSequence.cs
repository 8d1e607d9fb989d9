using System.Text;

namespace Kinship.Leap.Backends.OpenAi;

/// <summary>
/// A path over HTTP: its text lives client-side and every request sends the prompt plus that text in full; the
/// server's prefix cache (on the one endpoint this sequence is pinned to) is what avoids re-prefilling it.
/// </summary>
internal sealed class OpenAiSequence : IGenerationSequence
{
    private readonly OpenAiBackend _backend;
    private readonly StringBuilder _text;
    private int _forks;
    private bool _disposed;

    internal OpenAiSequence(OpenAiBackend backend, int id, int endpoint, string prompt, string text, SamplingOptions sampling, SharedPrompt shared, long knownTokens, int knownChars)
    {
        _backend = backend;
        Id = id;
        Endpoint = endpoint;
        Prompt = prompt;
        _text = new StringBuilder(text);
        Sampling = sampling;
        Shared = shared;
        KnownTokens = knownTokens;
        KnownChars = knownChars;
    }

    public int Id { get; }

    public string Text => _text.ToString();

    public int ContextTokens => (int)(KnownTokens >= 0
        ? KnownTokens + _backend.Estimate(Prompt.Length + _text.Length - KnownChars)
        : _backend.Estimate(Prompt.Length + _text.Length));

    public long TokensDecoded { get; internal set; }

    public long TokensPrefilled { get; internal set; }

    /// <summary>The pool index of the endpoint this sequence is pinned to.</summary>
    internal int Endpoint { get; }

    internal string Prompt { get; }

    internal SamplingOptions Sampling { get; }

    /// <summary>The prompt shared with the sequence this was forked from, whose tokens are counted once.</summary>
    internal SharedPrompt Shared { get; }

    /// <summary>Tokens the server reported for prompt + text at the last reply (−1 before any reply).</summary>
    internal long KnownTokens { get; private set; }

    /// <summary>Characters of prompt + text covered by <see cref="KnownTokens"/>.</summary>
    internal int KnownChars { get; private set; }

    internal bool IsDisposed => _disposed;

    internal int NextForkOrdinal() => Interlocked.Increment(ref _forks);

    public IGenerationSequence Fork(SamplingOptions sampling)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(sampling);
        return _backend.Fork(this, sampling);
    }

    public void Append(string text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(text);
        _text.Append(text);
    }

    public void Truncate(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _text.Length);
        _text.Length = length;
        var chars = Prompt.Length + length;
        if (KnownTokens >= 0 && chars < KnownChars)
        {
            // The server's count for the kept part is unknown until the next reply; scale it.
            KnownTokens = KnownChars == 0 ? 0 : KnownTokens * chars / KnownChars;
            KnownChars = chars;
        }
    }

    /// <summary>Records a reply: the generated text and the server's token count for prompt + text.</summary>
    internal void Complete(string generated, long decoded, long prefilled, long contextTokens)
    {
        _text.Append(generated);
        TokensDecoded += decoded;
        TokensPrefilled += prefilled;
        KnownTokens = contextTokens;
        KnownChars = Prompt.Length + _text.Length;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _backend.Release();
        }
    }
}

/// <summary>The prompt a sequence and its forks start from; its token count is learned from the first reply.</summary>
internal sealed class SharedPrompt
{
    public long? Tokens { get; set; }
}
