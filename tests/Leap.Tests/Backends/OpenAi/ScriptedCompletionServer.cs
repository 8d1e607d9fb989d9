using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinship.Leap.Tests.Backends.OpenAi;

/// <summary>A real Kestrel server on 127.0.0.1 that answers <c>/v1/completions</c> with a scripted handler per attempt (1-based) and records every request.</summary>
internal sealed class ScriptedCompletionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _attempts;

    private ScriptedCompletionServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public static async Task<ScriptedCompletionServer> StartAsync(Func<HttpContext, JsonObject, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedCompletionServer(app);
        app.MapPost("/v1/completions", async (HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            server.Requests.Enqueue(body);
            server.Arrivals.Enqueue(DateTimeOffset.UtcNow);
            await handler(context, body, Interlocked.Increment(ref server._attempts));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    /// <summary>Streams one chunk per piece for each choice, then the finish, usage and [DONE].</summary>
    public static async Task StreamAsync(HttpContext context, IReadOnlyList<IReadOnlyList<string>> choices, string finish, string? stopReason, int promptTokens, int? completionTokens = null, bool cutAfterFirstChunk = false)
    {
        context.Response.ContentType = "text/event-stream";
        for (var step = 0; step < choices.Max(c => c.Count); step++)
        {
            for (var index = 0; index < choices.Count; index++)
            {
                if (step < choices[index].Count)
                {
                    await WriteEventAsync(context, new JsonObject
                    {
                        ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["text"] = choices[index][step], ["finish_reason"] = null }),
                    });
                    if (cutAfterFirstChunk)
                    {
                        context.Abort();
                        return;
                    }
                }
            }
        }
        for (var index = 0; index < choices.Count; index++)
        {
            await WriteEventAsync(context, new JsonObject
            {
                ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["text"] = "", ["finish_reason"] = finish, ["stop_reason"] = stopReason }),
            });
        }
        await WriteEventAsync(context, new JsonObject
        {
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens ?? choices.Sum(c => c.Count) },
        });
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task WriteEventAsync(HttpContext context, JsonObject data)
    {
        await context.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
