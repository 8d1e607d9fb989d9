using Kinship.Leap.Backends;

namespace Kinship.Leap.Tests.Fakes;

/// <summary>
/// A scripted generation backend: one token per character; each path (fork order) answers its generation calls from a queue of
/// scripted texts, cut at the request's stop strings and token cap like a real backend. <c>\u0004</c> in a script means end-of-sequence.
/// It records every prompt, append, truncate and prefill so tests can assert the exact text the engine sent.
/// </summary>
internal sealed class ScriptedBackend(int contextTokens = 1_000_000, int maxSequences = 64, string? chatTemplate = null) : IGenerationBackend
{
    public const char Eos = '\u0004';
    private readonly Dictionary<int, Queue<string>> scripts = [];
    private int nextId;
    private int forks;

    public BackendInfo Info { get; } = new("scripted", contextTokens, maxSequences);

    /// <summary>Every operation, in order: <c>start</c>, <c>fork</c>, <c>append p: …</c>, <c>truncate p: n</c>, <c>prefill p: …</c>, <c>generate p</c>.</summary>
    public List<string> Log { get; } = [];

    public List<ScriptedSequence> Paths { get; } = [];

    public List<IReadOnlyList<GenerationRequest>> Calls { get; } = [];

    public string? Prompt { get; private set; }

    /// <summary>Queues what path <paramref name="path"/> writes in its next generation calls, one string per call.</summary>
    public ScriptedBackend Script(int path, params string[] outputs)
    {
        if (!scripts.TryGetValue(path, out var queue))
        {
            scripts[path] = queue = new Queue<string>();
        }
        foreach (var o in outputs)
        {
            queue.Enqueue(o);
        }
        return this;
    }

    public int CountTokens(string text) => text.Length;

    public string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) =>
        chatTemplate is null ? null : string.Concat(messages.Select(m => $"[{m.Role}]{m.Content}")) + (addGenerationPrompt ? chatTemplate : "");

    public Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken)
    {
        Prompt = prompt;
        Log.Add("start");
        return Task.FromResult<IGenerationSequence>(new ScriptedSequence(this, nextId++, -1, prompt.Length, sampling));
    }

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(requests);
        var results = new GenerationResult[requests.Count];
        for (var r = 0; r < requests.Count; r++)
        {
            var request = requests[r];
            var sequence = (ScriptedSequence)request.Sequence;
            Log.Add($"generate {sequence.Path}");
            var prefilled = sequence.TakePending();
            if (prefilled.Length > 0)
            {
                Log.Add($"prefill {sequence.Path}: {prefilled}");
            }
            var script = scripts.TryGetValue(sequence.Path, out var queue) && queue.Count > 0 ? queue.Dequeue() : Eos.ToString();
            results[r] = Cut(script, request, prefilled.Length);
            sequence.Generated(results[r]);
            progress?.Report(new GenerationProgress(sequence.Id, results[r].Text, results[r].TokensDecoded));
        }
        return Task.FromResult<IReadOnlyList<GenerationResult>>(results);
    }

    private static GenerationResult Cut(string script, GenerationRequest request, int prefilled)
    {
        var eos = script.IndexOf(Eos, StringComparison.Ordinal);
        var limit = Math.Min(request.MaxTokens, eos < 0 ? script.Length : eos);
        string? matched = null;
        var stopAt = int.MaxValue;
        foreach (var stop in request.StopStrings)
        {
            var at = script.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at + stop.Length <= limit && at + stop.Length < stopAt)
            {
                stopAt = at + stop.Length;
                matched = stop;
            }
        }
        if (matched is not null)
        {
            return new GenerationResult(script[..stopAt], FinishReason.Stop, matched, stopAt, prefilled);
        }
        if (eos >= 0 && eos <= request.MaxTokens)
        {
            return new GenerationResult(script[..eos], FinishReason.EndOfSequence, null, eos + 1, prefilled);
        }
        return new GenerationResult(script[..limit], FinishReason.Length, null, limit, prefilled);
    }

    internal int NextForkPath() => forks++;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal sealed class ScriptedSequence(ScriptedBackend backend, int id, int path, int promptTokens, SamplingOptions sampling) : IGenerationSequence
    {
        private string pending = "";

        public int Id { get; } = id;
        public int Path { get; } = path;
        public SamplingOptions Sampling { get; } = sampling;
        public string Text { get; private set; } = "";
        public int ContextTokens => promptTokens + Text.Length - pending.Length;
        public long TokensDecoded { get; private set; }
        public long TokensPrefilled { get; private set; }
        public bool Disposed { get; private set; }

        public IGenerationSequence Fork(SamplingOptions sampling)
        {
            var fork = new ScriptedSequence(backend, backend.nextId++, backend.NextForkPath(), promptTokens, sampling) { Text = Text };
            backend.Paths.Add(fork);
            backend.Log.Add($"fork {fork.Path}");
            return fork;
        }

        public void Append(string text)
        {
            backend.Log.Add($"append {Path}: {text}");
            Text += text;
            pending += text;
        }

        public void Truncate(int length)
        {
            if (pending.Length > 0)
            {
                throw new InvalidOperationException("truncate with appended text not yet prefilled");
            }
            backend.Log.Add($"truncate {Path}: {length}");
            Text = Text[..length];
        }

        internal string TakePending()
        {
            var p = pending;
            pending = "";
            TokensPrefilled += p.Length;
            return p;
        }

        internal void Generated(GenerationResult result)
        {
            Text += result.Text;
            TokensDecoded += result.TokensDecoded;
        }

        public void Dispose() => Disposed = true;
    }
}
