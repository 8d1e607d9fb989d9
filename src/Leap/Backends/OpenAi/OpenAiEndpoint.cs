using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Kinship.Leap.Serving.Wire;
using Polly;
using Polly.Retry;

namespace Kinship.Leap.Backends.OpenAi;

/// <summary>
/// One server of the pool: streams <c>POST /v1/completions</c> (SSE), limits requests in flight, and retries 429, 5xx,
/// idle timeouts, cut streams and malformed replies with exponential backoff that honours Retry-After.
/// </summary>
internal sealed class OpenAiEndpoint : IDisposable
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly ResiliencePipeline _pipeline;
    private readonly OpenAiBackendOptions _options;
    private int _maxChoices = int.MaxValue;
    private Task? _probe;
    private object? _probeLock;

    public OpenAiEndpoint(Uri baseUrl, OpenAiBackendOptions options, HttpMessageHandler? handler)
    {
        _options = options;
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (!root.EndsWith("/v1", StringComparison.Ordinal))
        {
            root += "/v1";
        }
        CompletionsUrl = new Uri(root + "/completions");
        PropsUrl = new Uri(root[..^"/v1".Length] + "/props");
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // the idle timeout below covers slow servers without capping long generations
        if (options.ApiKey is { } key)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests);
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome.Exception is TransientCompletionException),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is TransientCompletionException { RetryAfter: { } wait }
                        ? (wait < options.MaxRetryDelay ? wait : options.MaxRetryDelay)
                        : null),
            })
            .Build();
    }

    /// <summary>The completions URL of this server.</summary>
    public Uri CompletionsUrl { get; }

    /// <summary>llama-server's properties page (slots, context), read once.</summary>
    public Uri PropsUrl { get; }

    /// <summary>Most choices one request may ask for: unknown (no limit) until llama-server's <c>/props</c> or the server's own refusal says.</summary>
    public int MaxChoicesPerRequest => Volatile.Read(ref _maxChoices);

    /// <summary>
    /// Runs one call to completion (retrying transient failures); <paramref name="onDelta"/> gets (choice, text) as it streams.
    /// A call with more choices than the server takes at once (llama-server: one slot per choice) is split into requests
    /// that fit, part k starting at choice offset o with seed + o; a server that refuses <c>n</c> for its slots
    /// ("n_cmpl cannot be greater than the number of slots") is asked again with half as many.
    /// </summary>
    public async Task<CompletionReply> CompleteAsync(CompletionCall call, Action<int, string>? onDelta, CancellationToken cancellationToken)
    {
        await LazyInitializer.EnsureInitialized(ref _probe, ref _probeLock, () => ProbeLimitsAsync(cancellationToken)).ConfigureAwait(false);
        while (true)
        {
            var max = MaxChoicesPerRequest;
            if (call.N > max)
            {
                return await SplitAsync(call, max, onDelta, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                return await CompleteOneAsync(call, onDelta, cancellationToken).ConfigureAwait(false);
            }
            catch (OpenAiEndpointException e) when (call.N > 1 && RefusesChoices(e.Message))
            {
                var fewer = Math.Max(1, call.N / 2);
                int seen;
                do
                {
                    seen = Volatile.Read(ref _maxChoices);
                }
                while (fewer < seen && Interlocked.CompareExchange(ref _maxChoices, fewer, seen) != seen);
            }
        }
    }

    private static bool RefusesChoices(string message) =>
        message.Contains("n_cmpl", StringComparison.Ordinal) || message.Contains("number of slots", StringComparison.OrdinalIgnoreCase);

    private async Task<CompletionReply> SplitAsync(CompletionCall call, int max, Action<int, string>? onDelta, CancellationToken cancellationToken)
    {
        var parts = new List<(int Offset, Task<CompletionReply> Reply)>();
        for (var offset = 0; offset < call.N; offset += max)
        {
            var at = offset;
            var part = call with { N = Math.Min(max, call.N - offset), Sampling = call.Sampling with { Seed = unchecked(call.Sampling.Seed + (ulong)offset) } };
            parts.Add((offset, CompleteAsync(part, onDelta is null ? null : (i, text) => onDelta(at + i, text), cancellationToken)));
        }
        await Task.WhenAll(parts.Select(p => p.Reply)).ConfigureAwait(false);
        var replies = parts.Select(p => p.Reply.Result).ToArray();
        // each request prefilled the same prompt: its size is the first one's; the choices' tokens add up
        var completion = replies.All(r => r.CompletionTokens is not null) ? replies.Sum(r => r.CompletionTokens!.Value) : (int?)null;
        return new CompletionReply([.. replies.SelectMany(r => r.Choices)], replies[0].PromptTokens, completion);
    }

    /// <summary>Reads llama-server's <c>GET /props</c> once: <c>total_slots</c> bounds the choices of one request. Other servers have no such page.</summary>
    private async Task ProbeLimitsAsync(CancellationToken cancellationToken)
    {
        if (!_options.ProbeServerLimits)
        {
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await _http.GetAsync(PropsUrl, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return;
            }
            var props = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false), OpenAiWireContext.Default.WireServerProps);
            if (props?.TotalSlots is { } slots && slots > 0)
            {
                Volatile.Write(ref _maxChoices, slots);
            }
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException)
        {
            // no limits to learn (a cancelled probe included): the server's own refusal will tell
        }
    }

    private async Task<CompletionReply> CompleteOneAsync(CompletionCall call, Action<int, string>? onDelta, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _pipeline.ExecuteAsync(ct => new ValueTask<CompletionReply>(AttemptAsync(call, onDelta, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (TransientCompletionException e)
        {
            throw new OpenAiEndpointException(CompletionsUrl, $"still failing after {_options.MaxRetries} retries: {e.Message}", e);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<CompletionReply> AttemptAsync(CompletionCall call, Action<int, string>? onDelta, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.IdleTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, CompletionsUrl)
            {
                Content = new StringContent(Body(call), Encoding.UTF8, "application/json"),
            };
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new TransientCompletionException($"cannot connect ({e.Message})", inner: e);
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var detail = await ReadSnippetAsync(response, idle.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
                    {
                        throw new TransientCompletionException($"HTTP {status}{detail}", response.StatusCode, RetryAfter(response));
                    }
                    throw new OpenAiEndpointException(CompletionsUrl, $"HTTP {status}{detail}");
                }
                var isStream = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
                if (!isStream)
                {
                    return ReadWhole(await response.Content.ReadAsByteArrayAsync(idle.Token).ConfigureAwait(false), call.N, onDelta);
                }
                var stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return await ReadStreamAsync(stream, call.N, onDelta, idle, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientCompletionException($"no data for {_options.IdleTimeout.TotalSeconds:0.###} s (timeout)");
        }
        catch (IOException e)
        {
            throw new TransientCompletionException($"the response stream broke ({e.Message})", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new TransientCompletionException($"the response broke ({e.Message})", inner: e);
        }
    }

    private async Task<CompletionReply> ReadStreamAsync(Stream stream, int n, Action<int, string>? onDelta, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        var texts = Enumerable.Range(0, n).Select(_ => new StringBuilder()).ToArray();
        var finish = new string?[n];
        var stops = new string?[n];
        var chunks = new int[n];
        var perChoice = new int?[n];
        int? promptTokens = null, completionTokens = null;
        var done = false;
        var parser = SseParser.Create(stream, (_, data) => data.ToArray());
        await foreach (var item in parser.EnumerateAsync(idle.Token).ConfigureAwait(false))
        {
            idle.CancelAfter(_options.IdleTimeout);
            cancellationToken.ThrowIfCancellationRequested();
            if (item.Data.AsSpan().Trim(" \r\n"u8).SequenceEqual("[DONE]"u8))
            {
                done = true;
                break;
            }
            var chunk = Parse(item.Data);
            var withChoices = ReadChoices(chunk, n, (index, text, reason, stop) =>
            {
                if (text.Length > 0)
                {
                    texts[index].Append(text);
                    chunks[index]++;
                    onDelta?.Invoke(index, text);
                }
                finish[index] ??= reason;
                stops[index] ??= stop;
            });
            if (chunk.Usage is { } usage)
            {
                promptTokens = usage.PromptTokens;
                if (withChoices is { } only && chunk.Choices!.Count == 1)
                {
                    // usage on a choice's own chunk (llama-server, leap serve): that choice's tokens
                    perChoice[only] = usage.CompletionTokens;
                }
                else
                {
                    completionTokens = usage.CompletionTokens;
                }
            }
        }
        var unfinished = Array.IndexOf(finish, null);
        if (unfinished >= 0)
        {
            throw new TransientCompletionException(done
                ? $"malformed reply: choice {unfinished} of {n} never finished"
                : "the event stream ended before every choice finished");
        }
        if (completionTokens is null && perChoice.All(t => t is not null))
        {
            completionTokens = perChoice.Sum(t => t!.Value);
        }
        return new CompletionReply(
            [.. Enumerable.Range(0, n).Select(i => new CompletionChoice(texts[i].ToString(), finish[i], stops[i], chunks[i], perChoice[i]))],
            promptTokens, completionTokens);
    }

    private static CompletionReply ReadWhole(byte[] body, int n, Action<int, string>? onDelta)
    {
        var reply = Parse(body);
        var choices = new CompletionChoice?[n];
        ReadChoices(reply, n, (index, text, reason, stop) =>
        {
            choices[index] = new CompletionChoice(text, reason, stop, text.Length > 0 ? 1 : 0);
            onDelta?.Invoke(index, text);
        });
        if (choices.Any(c => c is null))
        {
            throw new TransientCompletionException($"the reply has fewer than {n} choices");
        }
        return new CompletionReply(choices!, reply.Usage?.PromptTokens, reply.Usage?.CompletionTokens);
    }

    private static WireCompletion Parse(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, OpenAiWireContext.Default.WireCompletion)
                ?? throw new TransientCompletionException("malformed reply: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new TransientCompletionException($"malformed JSON in the reply ({Snippet(Encoding.UTF8.GetString(json))})", inner: e);
        }
    }

    /// <summary>Hands each choice of <paramref name="reply"/> to <paramref name="onChoice"/>; returns the index when there was exactly one.</summary>
    private static int? ReadChoices(WireCompletion reply, int n, Action<int, string, string?, string?> onChoice)
    {
        if (reply.Error is { } error)
        {
            throw new TransientCompletionException("the server reported an error: " + Snippet(error.Message ?? error.Type ?? "(no message)"));
        }
        if (reply.Choices is not { } choices)
        {
            if (reply.Usage is not null)
            {
                return null; // the usage-only final chunk
            }
            throw new TransientCompletionException("malformed reply: no 'choices'");
        }
        int? only = null;
        foreach (var choice in choices)
        {
            if (choice.Index < 0 || choice.Index >= n)
            {
                throw new TransientCompletionException($"malformed reply: choice index {choice.Index} outside 0..{n - 1}");
            }
            onChoice(choice.Index, choice.Text ?? "", choice.FinishReason, MatchedStop(choice));
            only = choices.Count == 1 ? choice.Index : null;
        }
        return only;
    }

    /// <summary>The stop string a server says ended the choice: vLLM's <c>stop_reason</c> (a string; a number is a stop token), llama-server's <c>stopping_word</c>.</summary>
    private static string? MatchedStop(WireCompletionChoice choice)
    {
        if (choice.StopReason is { ValueKind: JsonValueKind.String } reason && reason.GetString() is { Length: > 0 } text)
        {
            return text;
        }
        if (choice.StoppingWord is { Length: > 0 } word && choice.StopType is null or "word")
        {
            return word;
        }
        return null;
    }

    private string Body(CompletionCall call)
    {
        var sampling = call.Sampling;
        var body = new WireCompletionRequest
        {
            Model = _options.Model,
            Prompt = call.Prompt,
            N = call.N,
            MaxTokens = call.MaxTokens,
            Temperature = sampling.Temperature,
            TopP = sampling.TopP,
            TopK = sampling.TopK > 0 ? sampling.TopK : -1,
            MinP = sampling.MinP,
            // Servers take a signed 32-bit seed; keep the low 31 bits of the path's 64-bit seed.
            Seed = (long)(sampling.Seed & 0x7FFF_FFFF),
            Stream = true,
            StreamOptions = new WireStreamOptions(true),
            // vLLM keeps the matched stop string in the text (the backend contract) and reports it as stop_reason.
            IncludeStopStrInOutput = true,
            Stop = call.Stops.Count > 0 ? call.Stops : null,
        };
        return JsonSerializer.Serialize(body, OpenAiWireContext.Default.WireCompletionRequest);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(body) ? "" : ": " + Snippet(body);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static string Snippet(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }

    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
    }
}
