using System.Text;

namespace Kinship.Leap.Backends.OpenAi;

/// <summary>
/// <see cref="IGenerationBackend"/> over OpenAI-compatible <c>POST /v1/completions</c> servers (vLLM, SGLang, llama.cpp's server,
/// <c>leap serve</c>). Each sequence keeps its text client-side and each generation sends prompt = the full text, streamed (SSE).
/// </summary>
/// <remarks>
/// Pool placement: a sequence started by <see cref="StartAsync"/> goes to the next endpoint in round-robin order; a fork
/// stays on its parent's endpoint (<see cref="ForkPlacement.Inherit"/>, so the server's prefix cache hits for the whole life
/// of a path) or, with <see cref="ForkPlacement.Spread"/>, fork k goes to (parent + k) mod E. Requests of one call whose
/// full text, limits and sampling (seed aside) are identical — the N forks of a fresh prompt — are sent once with <c>n</c> = their
/// number and the first one's seed. Token counts come from the server's <c>usage</c>: decoded = completion tokens (split over
/// choices by streamed chunks when n &gt; 1); prefilled = prompt tokens minus those the sequence already had at its last reply.
/// A retried request starts over: text streamed to progress before a failure is streamed again.
/// </remarks>
public sealed class OpenAiBackend : IGenerationBackend
{
    private readonly OpenAiEndpoint[] _endpoints;
    private readonly OpenAiBackendOptions _options;
    private readonly Lock _progressLock = new();
    private int _nextId;
    private int _nextRoot = -1;
    private int _live;

    /// <summary>A backend over <paramref name="options"/>' endpoints; <paramref name="handler"/> replaces the HTTP handler (tests, proxies).</summary>
    public OpenAiBackend(OpenAiBackendOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }
        _options = options;
        _endpoints = [.. options.Endpoints.Select(e => new OpenAiEndpoint(e, options, handler))];
        Info = new BackendInfo($"{options.Model} @ {string.Join(", ", options.Endpoints)}", options.ContextTokens, options.MaxSequences);
    }

    /// <inheritdoc/>
    public BackendInfo Info { get; }

    /// <summary>The completions URL of every endpoint, in pool order.</summary>
    public IReadOnlyList<Uri> CompletionUrls => [.. _endpoints.Select(e => e.CompletionsUrl)];

    /// <summary>Estimated from characters: the client has no tokenizer (the server's <c>usage</c> gives the real counts).</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (int)Estimate(text.Length);
    }

    /// <summary>Always null: the completions endpoint takes rendered text, so pick a named chat template.</summary>
    public string? ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) => null;

    /// <inheritdoc/>
    public Task<IGenerationSequence> StartAsync(string prompt, SamplingOptions sampling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(sampling);
        cancellationToken.ThrowIfCancellationRequested();
        var endpoint = (int)((uint)Interlocked.Increment(ref _nextRoot) % (uint)_endpoints.Length);
        return Task.FromResult<IGenerationSequence>(Create(endpoint, prompt, "", sampling, new SharedPrompt(), -1, 0));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var sequences = new OpenAiSequence[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].Sequence is not OpenAiSequence s || s.IsDisposed)
            {
                throw new InvalidOperationException($"request {i} names a sequence that is not a live sequence of this backend");
            }
            if (requests[i].MaxTokens < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(requests), $"request {i} asks for {requests[i].MaxTokens} tokens; at least 1 is required");
            }
            if (Array.IndexOf(sequences, s, 0, i) >= 0)
            {
                throw new InvalidOperationException($"sequence {s.Id} appears twice in one generation call");
            }
            sequences[i] = s;
        }
        var results = new GenerationResult[requests.Count];
        var groups = Enumerable.Range(0, requests.Count).GroupBy(i => GroupKey(requests[i], sequences[i])).Select(g => g.ToArray()).ToArray();
        await Task.WhenAll(groups.Select(g => RunGroupAsync(g, requests, sequences, results, progress, cancellationToken))).ConfigureAwait(false);
        return results;
    }

    private async Task RunGroupAsync(int[] members, IReadOnlyList<GenerationRequest> requests, OpenAiSequence[] sequences, GenerationResult[] results, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        var first = sequences[members[0]];
        var request = requests[members[0]];
        var fullText = first.Prompt + first.Text;
        var call = new CompletionCall(fullText, members.Length, request.MaxTokens, request.StopStrings, first.Sampling);
        var streamed = new int[members.Length];
        Action<int, string>? onDelta = progress is null ? null : (choice, delta) =>
        {
            lock (_progressLock)
            {
                progress.Report(new GenerationProgress(sequences[members[choice]].Id, delta, ++streamed[choice]));
            }
        };
        var reply = await _endpoints[first.Endpoint].CompleteAsync(call, onDelta, cancellationToken).ConfigureAwait(false);
        var decoded = SplitDecoded(reply);
        var promptTokens = reply.PromptTokens ?? Estimate(fullText.Length);
        for (var k = 0; k < members.Length; k++)
        {
            var sequence = sequences[members[k]];
            var choice = reply.Choices[k];
            var (text, reason, matched) = Finish(choice, request.StopStrings);
            long baseline;
            if (sequence.KnownTokens >= 0)
            {
                baseline = sequence.KnownTokens;
            }
            else
            {
                // The first reply on a fresh prompt: learn the prompt's size; forks do not count it again.
                sequence.Shared.Tokens ??= Math.Max(0, promptTokens - Estimate(sequence.Text.Length));
                baseline = sequence.Shared.Tokens.Value;
            }
            var prefilled = Math.Max(0, promptTokens - baseline);
            sequence.Complete(text, decoded[k], prefilled, promptTokens + decoded[k]);
            results[members[k]] = new GenerationResult(text, reason, matched, (int)decoded[k], (int)prefilled);
        }
    }

    private static (string Text, FinishReason Reason, string? Matched) Finish(CompletionChoice choice, IReadOnlyList<string> stops)
    {
        var text = choice.Text;
        if (choice.FinishReason == "length")
        {
            return (text, FinishReason.Length, null);
        }
        if (choice.StopReason is { } stop && stops.Contains(stop, StringComparer.Ordinal))
        {
            // Keep the stop string in the text, as the contract says, whether or not the server echoed it.
            return (text.EndsWith(stop, StringComparison.Ordinal) ? text : text + stop, FinishReason.Stop, stop);
        }
        foreach (var s in stops)
        {
            if (s.Length > 0 && text.EndsWith(s, StringComparison.Ordinal))
            {
                return (text, FinishReason.Stop, s);
            }
        }
        return (text, choice.FinishReason == "stop" ? FinishReason.EndOfSequence : FinishReason.Length, null);
    }

    /// <summary>Decoded tokens per choice: the server's completion tokens, split over choices by their streamed chunks when n &gt; 1.</summary>
    private long[] SplitDecoded(CompletionReply reply)
    {
        var n = reply.Choices.Count;
        if (reply.Choices.All(c => c.Tokens is not null))
        {
            return [.. reply.Choices.Select(c => (long)c.Tokens!.Value)]; // the server counted each choice itself
        }
        var chunks = reply.Choices.Select(c => (long)c.Chunks).ToArray();
        if (reply.CompletionTokens is not { } total)
        {
            return [.. reply.Choices.Select(c => Math.Max(c.Chunks, Estimate(c.Text.Length)))];
        }
        if (n == 1)
        {
            return [total];
        }
        var sum = chunks.Sum();
        if (sum == total || sum == 0)
        {
            return sum == 0 ? [.. Enumerable.Repeat(total / n, n)] : chunks;
        }
        var split = chunks.Select(c => total * c / sum).ToArray();
        split[^1] += total - split.Sum();
        return split;
    }

    private static string GroupKey(GenerationRequest request, OpenAiSequence s)
    {
        var sampling = s.Sampling with { Seed = 0 };
        var key = new StringBuilder();
        key.Append(s.Endpoint).Append('\u0001').Append(request.MaxTokens).Append('\u0001').Append(sampling).Append('\u0001');
        foreach (var stop in request.StopStrings)
        {
            key.Append(stop).Append('\u0002');
        }
        key.Append('\u0001').Append(s.Prompt).Append(s.Text);
        return key.ToString();
    }

    internal long Estimate(int characters) => characters <= 0 ? 0 : (long)Math.Ceiling(characters / _options.CharactersPerToken);

    internal IGenerationSequence Fork(OpenAiSequence parent, SamplingOptions sampling)
    {
        var endpoint = _options.ForkPlacement == ForkPlacement.Spread
            ? (parent.Endpoint + parent.NextForkOrdinal()) % _endpoints.Length
            : parent.Endpoint;
        return Create(endpoint, parent.Prompt, parent.Text, sampling, parent.Shared, parent.KnownTokens, parent.KnownChars);
    }

    private OpenAiSequence Create(int endpoint, string prompt, string text, SamplingOptions sampling, SharedPrompt shared, long knownTokens, int knownChars)
    {
        if (Interlocked.Increment(ref _live) > _options.MaxSequences)
        {
            Interlocked.Decrement(ref _live);
            throw new InvalidOperationException($"more than {_options.MaxSequences} live sequences; dispose finished ones first");
        }
        return new OpenAiSequence(this, Interlocked.Increment(ref _nextId), endpoint, prompt, text, sampling, shared, knownTokens, knownChars);
    }

    internal void Release() => Interlocked.Decrement(ref _live);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        foreach (var e in _endpoints)
        {
            e.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
