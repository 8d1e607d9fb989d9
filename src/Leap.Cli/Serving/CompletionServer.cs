using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Kinship.Leap.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinship.Leap.Cli.Serving;

/// <summary>
/// The OpenAI-compatible HTTP front of a <see cref="CompletionScheduler"/>: <c>POST /v1/completions</c> (plain or
/// server-sent events) and <c>GET /v1/models</c> on Kestrel. Concurrent requests share the scheduler's decode loop.
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

    /// <summary>
    /// Starts listening on <paramref name="host"/>:<paramref name="port"/> (0 picks a free port); <paramref name="middleware"/>
    /// runs before the endpoints (request logging, metrics, or a test that watches the traffic).
    /// </summary>
    public static async Task<CompletionServer> StartAsync(
        CompletionScheduler scheduler, string model, string host, int port, CancellationToken cancellationToken, Action<IApplicationBuilder>? middleware = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            if (host == "localhost")
            {
                options.ListenLocalhost(port);
            }
            else
            {
                options.Listen(IPAddress.Parse(host), port);
            }
        });
        var app = builder.Build();
        middleware?.Invoke(app);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var handler = new CompletionEndpoint(scheduler, model, created);
        app.MapGet("/v1/models", handler.ModelsAsync);
        app.MapPost("/v1/completions", handler.CompletionsAsync);
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

    private sealed class CompletionEndpoint(CompletionScheduler scheduler, string model, long created)
    {
        public Task ModelsAsync(HttpContext context) =>
            WriteJsonAsync(context, StatusCodes.Status200OK, w => OpenAiProtocol.WriteModels(w, model, created, scheduler.Info.ContextTokens));

        public async Task CompletionsAsync(HttpContext context)
        {
            OpenAiCompletionRequest request;
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
                request = OpenAiProtocol.ParseCompletionRequest(document.RootElement, model);
                if (scheduler.Check(request.Job) is { } problem)
                {
                    throw new CompletionRejectedException(problem);
                }
            }
            catch (JsonException e)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, $"the request body is not valid JSON: {e.Message}").ConfigureAwait(false);
                return;
            }
            catch (CompletionRejectedException e)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
                return;
            }

            var id = "cmpl-" + Guid.NewGuid().ToString("N");
            if (!request.Stream)
            {
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
                await WriteJsonAsync(context, StatusCodes.Status200OK, w => OpenAiProtocol.WriteCompletion(w, id, created, model, outcome)).ConfigureAwait(false);
                return;
            }

            await StreamAsync(context, request.Job, id).ConfigureAwait(false);
        }

        private async Task StreamAsync(HttpContext context, CompletionJob job, string id)
        {
            var channel = Channel.CreateUnbounded<CompletionDelta>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var completion = scheduler.CompleteAsync(job, channel.Writer, context.RequestAborted);
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            var buffer = new ArrayBufferWriter<byte>();
            try
            {
                await foreach (var delta in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
                {
                    await EventAsync(response, buffer, w => OpenAiProtocol.WriteChunk(w, id, created, model, delta), context.RequestAborted).ConfigureAwait(false);
                }
                var outcome = await completion.ConfigureAwait(false);
                await EventAsync(response, buffer, w => OpenAiProtocol.WriteUsageChunk(w, id, created, model, outcome), context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or CompletionRejectedException or OperationCanceledException)
            {
                // headers are gone: report the failure in-band, as OpenAI-compatible servers do
                await EventAsync(response, buffer, w => OpenAiProtocol.WriteError(w, e.Message, "server_error", 500), CancellationToken.None).ConfigureAwait(false);
            }
            await response.WriteAsync("data: [DONE]\n\n", CancellationToken.None).ConfigureAwait(false);
        }

        private static async Task EventAsync(HttpResponse response, ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
        {
            buffer.ResetWrittenCount();
            "data: "u8.CopyTo(buffer.GetSpan(6));
            buffer.Advance(6);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }
            "\n\n"u8.CopyTo(buffer.GetSpan(2));
            buffer.Advance(2);
            await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        private static Task ErrorAsync(HttpContext context, int status, string message) =>
            WriteJsonAsync(context, status, w => OpenAiProtocol.WriteError(w, message, status == 400 ? "invalid_request_error" : "server_error", status));

        private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = buffer.WrittenCount;
            await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
