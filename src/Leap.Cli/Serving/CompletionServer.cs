using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Kinship.Leap.Serving;
using Kinship.Leap.Serving.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinship.Leap.Cli.Serving;

/// <summary>
/// The OpenAI-compatible HTTP front of a <see cref="CompletionScheduler"/> on Kestrel: <c>POST /v1/completions</c> and
/// <c>POST /v1/chat/completions</c> (whole or as server-sent events, one event per sampled token), <c>GET /v1/models</c>,
/// <c>GET /health</c> and <c>GET /</c>; every error is an OpenAI error object. Concurrent requests share the scheduler's decode loop.
/// </summary>
internal sealed class CompletionServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CompletionServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address the server listens on (the real port when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>Starts with default options (no API key, no chat template).</summary>
    public static Task<CompletionServer> StartAsync(
        CompletionScheduler scheduler, string model, string host, int port, CancellationToken cancellationToken, Action<IApplicationBuilder>? middleware = null) =>
        StartAsync(scheduler, model, host, port, new CompletionServerOptions(), cancellationToken, middleware);

    /// <summary>
    /// Starts listening on <paramref name="host"/>:<paramref name="port"/> (0 picks a free port); <paramref name="middleware"/>
    /// runs before the endpoints (request logging, metrics, or a test that watches the traffic).
    /// </summary>
    public static async Task<CompletionServer> StartAsync(
        CompletionScheduler scheduler, string model, string host, int port, CompletionServerOptions options, CancellationToken cancellationToken,
        Action<IApplicationBuilder>? middleware = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            if (host == "localhost")
            {
                kestrel.ListenLocalhost(port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(host), port);
            }
        });
        var app = builder.Build();
        // routing's own 404 and 405 carry no body: give them an OpenAI error object
        app.UseStatusCodePages(context => ErrorAsync(context.HttpContext, context.HttpContext.Response.StatusCode, context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"no such endpoint: {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"method {context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}",
            var status => $"HTTP {status}",
        }));
        if (options.ApiKey is { Length: > 0 } key)
        {
            var expected = Encoding.UTF8.GetBytes("Bearer " + key);
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/v1") &&
                    !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), expected))
                {
                    await ErrorAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong API key: send the header 'Authorization: Bearer KEY'").ConfigureAwait(false);
                    return;
                }
                await next(context).ConfigureAwait(false);
            });
        }
        middleware?.Invoke(app);
        var started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var handler = new CompletionEndpoint(scheduler, model, started, options);
        app.MapGet("/", handler.RootAsync);
        app.MapGet("/health", handler.HealthAsync);
        app.MapGet("/props", handler.PropsAsync);
        app.MapGet("/v1/models", handler.ModelsAsync);
        app.MapPost("/v1/completions", handler.CompletionsAsync);
        app.MapPost("/v1/chat/completions", handler.ChatCompletionsAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CompletionServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Completes when the server has stopped (after <paramref name="cancellationToken"/> fires).</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        var type = status switch
        {
            StatusCodes.Status401Unauthorized => "authentication_error",
            StatusCodes.Status404NotFound => "not_found_error",
            >= 500 => "server_error",
            _ => "invalid_request_error",
        };
        return WriteJsonAsync(context, status, OpenAiProtocol.Error(message, type, status), OpenAiWireContext.Default.WireError);
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> info)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, info);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class CompletionEndpoint(CompletionScheduler scheduler, string model, long started, CompletionServerOptions options)
    {
        private readonly Lock _seedLock = new();
        private readonly Random? _seeds = options.Seed is { } seed ? new Random(unchecked((int)(seed ^ (seed >> 32)))) : null;

        public Task RootAsync(HttpContext context)
        {
            var text = $"{{\"name\":\"leap serve\",\"model\":{JsonSerializer.Serialize(model, OpenAiWireContext.Default.String)}," +
                "\"endpoints\":[\"GET /health\",\"GET /props\",\"GET /v1/models\",\"POST /v1/completions\",\"POST /v1/chat/completions\"]}";
            return WriteRawJsonAsync(context, text);
        }

        public Task HealthAsync(HttpContext context) => WriteRawJsonAsync(context, "{\"status\":\"ok\"}");

        // llama-server's page of limits, so the HTTP backend splits n to what fits (one sequence holds the prompt while it forks)
        public Task PropsAsync(HttpContext context) => WriteJsonAsync(context, StatusCodes.Status200OK,
            new WireServerProps { TotalSlots = Math.Max(1, scheduler.Info.MaxSequences - 1), DefaultGenerationSettings = new WireGenerationSettings { NCtx = scheduler.Info.ContextTokens } },
            OpenAiWireContext.Default.WireServerProps);

        public Task ModelsAsync(HttpContext context) =>
            WriteJsonAsync(context, StatusCodes.Status200OK, OpenAiProtocol.Models(model, started, scheduler.Info.ContextTokens), OpenAiWireContext.Default.WireModelList);

        public Task CompletionsAsync(HttpContext context) => ServeAsync(context, chat: false);

        public Task ChatCompletionsAsync(HttpContext context) => ServeAsync(context, chat: true);

        private static async Task WriteRawJsonAsync(HttpContext context, string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }

        private ulong NextSeed()
        {
            if (_seeds is null)
            {
                return unchecked((ulong)Random.Shared.NextInt64());
            }
            lock (_seedLock)
            {
                return unchecked((ulong)_seeds.NextInt64());
            }
        }

        private async Task<OpenAiCompletionRequest?> ReadAsync(HttpContext context, bool chat)
        {
            if (!context.Request.HasJsonContentType())
            {
                await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType,
                    $"the request body must be JSON with 'Content-Type: application/json' (got '{context.Request.ContentType}')").ConfigureAwait(false);
                return null;
            }
            if (context.Request.ContentLength > options.MaxRequestBytes)
            {
                await TooLargeAsync(context).ConfigureAwait(false);
                return null;
            }
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
                var request = chat
                    ? OpenAiProtocol.ParseChatRequest(document.RootElement, model, options.RenderChat ?? NoTemplate, NextSeed)
                    : OpenAiProtocol.ParseCompletionRequest(document.RootElement, model, NextSeed);
                if (scheduler.Check(request.Job) is { } problem)
                {
                    throw new CompletionRejectedException(problem);
                }
                return request;
            }
            catch (JsonException e)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, $"the request body is not valid JSON: {e.Message}").ConfigureAwait(false);
            }
            catch (CompletionRejectedException e)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLargeAsync(context).ConfigureAwait(false);
            }
            return null;
        }

        private Task TooLargeAsync(HttpContext context) =>
            ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {options.MaxRequestBytes} bytes (start leap serve with a larger --max-request-bytes)");

        private static string NoTemplate(IReadOnlyList<Kinship.Leap.Backends.ChatMessage> messages) =>
            throw new InvalidOperationException("this server has no chat template: start leap serve with --chat-template chatml|llama3|deepseek-r1|raw");

        private async Task ServeAsync(HttpContext context, bool chat)
        {
            var request = await ReadAsync(context, chat).ConfigureAwait(false);
            if (request is null)
            {
                return;
            }
            var id = (chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
            var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (request.Stream)
            {
                await StreamAsync(context, request, id, created).ConfigureAwait(false);
                return;
            }
            CompletionOutcome outcome;
            try
            {
                outcome = await scheduler.CompleteAsync(request.Job, null, context.RequestAborted).ConfigureAwait(false);
            }
            catch (CompletionRejectedException e)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                await ErrorAsync(context, StatusCodes.Status500InternalServerError, e.Message).ConfigureAwait(false);
                return;
            }
            if (chat)
            {
                await WriteJsonAsync(context, StatusCodes.Status200OK, OpenAiProtocol.ChatCompletion(id, created, model, outcome), OpenAiWireContext.Default.WireChatCompletion).ConfigureAwait(false);
            }
            else
            {
                await WriteJsonAsync(context, StatusCodes.Status200OK, OpenAiProtocol.Completion(id, created, model, outcome), OpenAiWireContext.Default.WireCompletion).ConfigureAwait(false);
            }
        }

        private async Task StreamAsync(HttpContext context, OpenAiCompletionRequest request, string id, long created)
        {
            var channel = Channel.CreateUnbounded<CompletionDelta>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var completion = scheduler.CompleteAsync(request.Job, channel.Writer, context.RequestAborted);
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            try
            {
                await SseFormatter.WriteAsync(Events(request, channel.Reader, completion, id, created, context.RequestAborted), response.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // the client went away; the scheduler drops its choices
            }
        }

        private async IAsyncEnumerable<SseItem<string>> Events(
            OpenAiCompletionRequest request, ChannelReader<CompletionDelta> deltas, Task<CompletionOutcome> completion, string id, long created,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var started = new HashSet<int>();
            string? failure = null;
            var reader = deltas.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (reader.ConfigureAwait(false))
            {
                while (true)
                {
                    string json;
                    try
                    {
                        if (!await reader.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                        var delta = reader.Current;
                        json = request.Chat
                            ? JsonSerializer.Serialize(OpenAiProtocol.ChatChunk(id, created, model, delta, started.Add(delta.Index)), OpenAiWireContext.Default.WireChatCompletion)
                            : JsonSerializer.Serialize(OpenAiProtocol.CompletionChunk(id, created, model, delta, request.IncludeUsage), OpenAiWireContext.Default.WireCompletion);
                    }
                    catch (Exception e) when (e is InvalidOperationException or CompletionRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        failure = e.Message;
                        break;
                    }
                    yield return new SseItem<string>(json);
                }
            }
            CompletionOutcome? outcome = null;
            if (failure is null)
            {
                try
                {
                    outcome = await completion.ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidOperationException or CompletionRejectedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    failure = e.Message;
                }
            }
            if (failure is not null)
            {
                // headers are gone: report the failure in-band, as OpenAI-compatible servers do
                yield return new SseItem<string>(JsonSerializer.Serialize(OpenAiProtocol.Error(failure, "server_error", 500), OpenAiWireContext.Default.WireError));
            }
            else if (request.IncludeUsage)
            {
                yield return new SseItem<string>(request.Chat
                    ? JsonSerializer.Serialize(OpenAiProtocol.ChatUsageChunk(id, created, model, outcome!), OpenAiWireContext.Default.WireChatCompletion)
                    : JsonSerializer.Serialize(OpenAiProtocol.CompletionUsageChunk(id, created, model, outcome!), OpenAiWireContext.Default.WireCompletion));
            }
            yield return new SseItem<string>("[DONE]");
        }
    }
}
