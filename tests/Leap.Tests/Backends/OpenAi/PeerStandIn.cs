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

/// <summary>
/// A Kestrel stand-in on 127.0.0.1 for a real OpenAI-compatible server: optional llama-server <c>GET /props</c>, and
/// <c>POST /v1/completions</c> answered by a handler; records every completion request body.
/// </summary>
internal sealed class PeerStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PeerStandIn(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static async Task<PeerStandIn> StartAsync(string? props, Func<HttpContext, JsonObject, Task> completions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new PeerStandIn(app);
        if (props is not null)
        {
            app.MapGet("/props", (HttpContext context) => Results.Text(props, "application/json"));
        }
        app.MapPost("/v1/completions", async (HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            server.Requests.Enqueue(body);
            await completions(context, body);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public static async Task EventAsync(HttpContext context, string json)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "text/event-stream";
        }
        await context.Response.WriteAsync("data: " + json + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
