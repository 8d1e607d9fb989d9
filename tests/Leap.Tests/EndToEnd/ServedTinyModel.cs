using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Cli.Serving;
using Kinship.Leap.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>
/// What <c>leap serve --model stories260K.gguf --port 0</c> runs — the llama.cpp backend, the batching
/// <see cref="CompletionScheduler"/> and the Kestrel <see cref="CompletionServer"/> on 127.0.0.1 — plus a middleware that
/// records every completion request it receives.
/// </summary>
internal sealed class ServedTinyModel : IAsyncDisposable
{
    public const string ModelName = "stories260K.gguf";

    private readonly LlamaBackend _backend;
    private readonly CompletionScheduler _scheduler;
    private readonly ConcurrentQueue<ServedRequest> _requests;
    private CompletionServer? _server;

    private ServedTinyModel(LlamaBackend backend, CompletionScheduler scheduler, ConcurrentQueue<ServedRequest> requests)
    {
        _backend = backend;
        _scheduler = scheduler;
        _requests = requests;
    }

    /// <summary>The base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Url => _server!.Address;

    /// <summary>Completion requests received so far, in arrival order.</summary>
    public IReadOnlyList<ServedRequest> Requests => [.. _requests];

    /// <summary>Starts the server on a free port with the shared tiny model: <c>leap serve --port 0 -c 2048 -np 9 --step-tokens 8</c>.</summary>
    public static async Task<ServedTinyModel> StartAsync(string modelPath, CancellationToken cancellationToken)
    {
        var backend = await LlamaBackend.LoadAsync(
            new LlamaBackendOptions { ModelPath = modelPath, ContextTokens = 2048, MaxSequences = 9 }, cancellationToken);
        var scheduler = new CompletionScheduler(backend, tokensPerStep: 8);
        var requests = new ConcurrentQueue<ServedRequest>();
        var served = new ServedTinyModel(backend, scheduler, requests);
        try
        {
            served._server = await CompletionServer.StartAsync(scheduler, backend.Info.Name, "127.0.0.1", 0, cancellationToken, app => app.Use(served.RecordAsync));
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }
        return served;
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/v1/completions")
        {
            context.Request.EnableBuffering();
            if (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) is JsonObject body)
            {
                _requests.Enqueue(ServedRequest.Of(Url, body));
            }
            context.Request.Body.Position = 0;
        }
        await next(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _scheduler.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
