using Kinship.Leap.Backends;

namespace Kinship.Leap.Bench;

/// <summary>
/// Records every backend operation a LeaP run makes (start, fork, truncate, append, generate, dispose) so the same calls can be
/// replayed with bare backend calls and no engine: the replay's wall time is the backend's share, the rest is the engine's own cost.
/// </summary>
internal sealed class ReplayBackend(IGenerationBackend inner) : IGenerationBackend
{
    private abstract record Op;
    private sealed record StartOp(string Prompt, SamplingOptions Sampling) : Op;
    private sealed record ForkOp(int Parent, SamplingOptions Sampling) : Op;
    private sealed record AppendOp(int Sequence, string Text) : Op;
    private sealed record TruncateOp(int Sequence, int Length) : Op;
    private sealed record GenerateOp((int Sequence, int MaxTokens, IReadOnlyList<string> Stops)[] Requests) : Op;
    private sealed record DisposeOp(int Sequence) : Op;

    private readonly List<Op> _ops = [];
    private readonly Dictionary<IGenerationSequence, int> _index = new(ReferenceEqualityComparer.Instance);

    public BackendInfo Info => inner.Info;

    public int CountTokens(string text) => inner.CountTokens(text);

    public string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) => inner.ApplyChatTemplate(messages, addGenerationPrompt);

    public async Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken)
    {
        var sequence = await inner.StartAsync(prompt, sampling, cancellationToken).ConfigureAwait(false);
        _ops.Add(new StartOp(prompt, sampling));
        return Wrap(sequence);
    }

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        _ops.Add(new GenerateOp([.. requests.Select(r => (_index[((Sequence)r.Sequence).Inner], r.MaxTokens, r.StopStrings ?? []))]));
        var unwrapped = requests.Select(r => r with { Sequence = ((Sequence)r.Sequence).Inner }).ToArray();
        return inner.GenerateAsync(unwrapped, progress, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Runs the recorded calls on <paramref name="backend"/> (a fresh one loaded the same way); returns the wall seconds and tokens decoded.</summary>
    public async Task<(double Seconds, long Decoded)> ReplayAsync(IGenerationBackend backend)
    {
        var sequences = new List<IGenerationSequence?>();
        long decoded = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var op in _ops)
        {
            switch (op)
            {
                case StartOp s:
                    sequences.Add(await backend.StartAsync(s.Prompt, s.Sampling, CancellationToken.None).ConfigureAwait(false));
                    break;
                case ForkOp f:
                    sequences.Add(sequences[f.Parent]!.Fork(f.Sampling));
                    break;
                case AppendOp a:
                    sequences[a.Sequence]!.Append(a.Text);
                    break;
                case TruncateOp t:
                    sequences[t.Sequence]!.Truncate(t.Length);
                    break;
                case GenerateOp g:
                    var results = await backend.GenerateAsync(
                        g.Requests.Select(r => new GenerationRequest(sequences[r.Sequence]!, r.MaxTokens, r.Stops)).ToArray(), null, CancellationToken.None).ConfigureAwait(false);
                    decoded += results.Sum(r => (long)r.TokensDecoded);
                    break;
                case DisposeOp d:
                    sequences[d.Sequence]!.Dispose();
                    sequences[d.Sequence] = null;
                    break;
            }
        }
        return (clock.Elapsed.TotalSeconds, decoded);
    }

    private Sequence Wrap(IGenerationSequence inner)
    {
        _index[inner] = _index.Count;
        return new Sequence(this, inner);
    }

    private sealed class Sequence(ReplayBackend owner, IGenerationSequence inner) : IGenerationSequence
    {
        public IGenerationSequence Inner => inner;
        public int Id => inner.Id;
        public string Text => inner.Text;
        public int ContextTokens => inner.ContextTokens;
        public long TokensDecoded => inner.TokensDecoded;
        public long TokensPrefilled => inner.TokensPrefilled;

        public IGenerationSequence Fork(SamplingOptions sampling)
        {
            var fork = inner.Fork(sampling);
            owner._ops.Add(new ForkOp(owner._index[inner], sampling));
            return owner.Wrap(fork);
        }

        public void Append(string text)
        {
            owner._ops.Add(new AppendOp(owner._index[inner], text));
            inner.Append(text);
        }

        public void Truncate(int length)
        {
            owner._ops.Add(new TruncateOp(owner._index[inner], length));
            inner.Truncate(length);
        }

        public void Dispose()
        {
            owner._ops.Add(new DisposeOp(owner._index[inner]));
            inner.Dispose();
        }
    }
}
