using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    public OpenAiEndpoint(Uri baseUrl, OpenAiBackendOptions options, HttpMessageHandler? handler)
    {
        _options = options;
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (!root.EndsWith("/v1", StringComparison.Ordinal))
        {
            root += "/v1";
        }
        CompletionsUrl = new Uri(root + "/completions");
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

    /// <summary>Runs one call to completion (retrying transient failures); <paramref name="onDelta"/> gets (choice, text) as it streams.</summary>
    public async Task<CompletionReply> CompleteAsync(CompletionCall call, Action<int, string>? onDelta, CancellationToken cancellationToken)
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
                var stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    return isStream
                        ? await ReadStreamAsync(reader, call.N, onDelta, idle, cancellationToken).ConfigureAwait(false)
                        : ReadWhole(await reader.ReadToEndAsync(idle.Token).ConfigureAwait(false), call.N, onDelta);
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

    private async Task<CompletionReply> ReadStreamAsync(StreamReader reader, int n, Action<int, string>? onDelta, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        var texts = Enumerable.Range(0, n).Select(_ => new StringBuilder()).ToArray();
        var finish = new string?[n];
        var stops = new string?[n];
        var chunks = new int[n];
        int? promptTokens = null, completionTokens = null;
        var done = false;
        while (await reader.ReadLineAsync(idle.Token).ConfigureAwait(false) is { } line)
        {
            idle.CancelAfter(_options.IdleTimeout);
            cancellationToken.ThrowIfCancellationRequested();
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // blank separators, comments, "event:" lines
            }
            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                done = true;
                break;
            }
            var chunk = ParseObject(data.ToString());
            ReadChoices(chunk, n, (index, text, reason, stop) =>
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
            (promptTokens, completionTokens) = ReadUsage(chunk, promptTokens, completionTokens);
        }
        var unfinished = Array.IndexOf(finish, null);
        if (unfinished >= 0)
        {
            throw new TransientCompletionException(done
                ? $"malformed reply: choice {unfinished} of {n} never finished"
                : "the event stream ended before every choice finished");
        }
        return new CompletionReply(
            [.. Enumerable.Range(0, n).Select(i => new CompletionChoice(texts[i].ToString(), finish[i], stops[i], chunks[i]))],
            promptTokens, completionTokens);
    }

    private CompletionReply ReadWhole(string body, int n, Action<int, string>? onDelta)
    {
        var reply = ParseObject(body);
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
        var (prompt, completion) = ReadUsage(reply, null, null);
        return new CompletionReply(choices!, prompt, completion);
    }

    private JsonObject ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new TransientCompletionException("malformed reply: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new TransientCompletionException($"malformed JSON in the reply ({Snippet(json)})", inner: e);
        }
    }

    private static void ReadChoices(JsonObject reply, int n, Action<int, string, string?, string?> onChoice)
    {
        if (reply["error"] is JsonNode error)
        {
            throw new TransientCompletionException("the server reported an error: " + Snippet(error.ToJsonString()));
        }
        if (reply["choices"] is not JsonArray choices)
        {
            if (reply["usage"] is not null)
            {
                return; // the usage-only final chunk
            }
            throw new TransientCompletionException("malformed reply: no 'choices'");
        }
        foreach (var c in choices)
        {
            if (c is not JsonObject choice)
            {
                throw new TransientCompletionException("malformed reply: a choice is not an object");
            }
            var index = choice["index"] is JsonValue iv && iv.TryGetValue<int>(out var i) ? i : 0;
            if (index < 0 || index >= n)
            {
                throw new TransientCompletionException($"malformed reply: choice index {index} outside 0..{n - 1}");
            }
            var text = choice["text"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : "";
            var reason = choice["finish_reason"] is JsonValue fv && fv.TryGetValue<string>(out var f) ? f : null;
            var stop = choice["stop_reason"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
            onChoice(index, text, reason, stop);
        }
    }

    private static (int?, int?) ReadUsage(JsonObject reply, int? prompt, int? completion)
    {
        if (reply["usage"] is JsonObject usage)
        {
            if (usage["prompt_tokens"] is JsonValue p && p.TryGetValue<int>(out var pt))
            {
                prompt = pt;
            }
            if (usage["completion_tokens"] is JsonValue c && c.TryGetValue<int>(out var ct))
            {
                completion = ct;
            }
        }
        return (prompt, completion);
    }

    private string Body(CompletionCall call)
    {
        var sampling = call.Sampling;
        var body = new JsonObject
        {
            ["model"] = _options.Model,
            ["prompt"] = call.Prompt,
            ["n"] = call.N,
            ["max_tokens"] = call.MaxTokens,
            ["temperature"] = sampling.Temperature,
            ["top_p"] = sampling.TopP,
            ["top_k"] = sampling.TopK > 0 ? sampling.TopK : -1,
            ["min_p"] = sampling.MinP,
            // Servers take a signed 32-bit seed; keep the low 31 bits of the path's 64-bit seed.
            ["seed"] = (long)(sampling.Seed & 0x7FFF_FFFF),
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            // vLLM keeps the matched stop string in the text (the backend contract) and reports it as stop_reason.
            ["include_stop_str_in_output"] = true,
        };
        if (call.Stops.Count > 0)
        {
            body["stop"] = new JsonArray([.. call.Stops.Select(s => (JsonNode)s)]);
        }
        return body.ToJsonString();
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
