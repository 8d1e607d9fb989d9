using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>
/// A second Kestrel server on 127.0.0.1 in front of a real completion server: every <c>/v1/...</c> request is either forwarded
/// (the reply streamed back as it arrives) or failed as the schedule says — by attempt number (1-based, in arrival order) and body.
/// </summary>
internal sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Uri _target;
    private readonly Func<int, JsonObject, InjectedFault> _schedule;
    private readonly ConcurrentQueue<(ServedRequest Request, InjectedFault Fault)> _log = new();
    private readonly ConcurrentQueue<string> _cuts = new();
    private int _attempts;

    private FaultInjectingProxy(WebApplication app, Uri target, Func<int, JsonObject, InjectedFault> schedule)
    {
        _app = app;
        _target = target;
        _schedule = schedule;
    }

    /// <summary>The proxy's base URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The events passed through before each <see cref="InjectedFault.CutStream"/> cut.</summary>
    public IReadOnlyList<string> CutEvents => [.. _cuts];

    /// <summary>Every completion request in arrival order, with the fault it was given.</summary>
    public IReadOnlyList<(ServedRequest Request, InjectedFault Fault)> Log => [.. _log];

    /// <summary>Starts a proxy to <paramref name="target"/> on a free port.</summary>
    public static async Task<FaultInjectingProxy> StartAsync(Uri target, Func<int, JsonObject, InjectedFault> schedule)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new FaultInjectingProxy(app, target, schedule);
        app.Map("/v1/{**rest}", proxy.HandleAsync);
        await app.StartAsync();
        proxy.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var fault = InjectedFault.None;
        if (HttpMethods.IsPost(context.Request.Method) && JsonNode.Parse(buffer.ToArray()) is JsonObject body)
        {
            fault = _schedule(Interlocked.Increment(ref _attempts), body);
            _log.Enqueue((ServedRequest.Of(Url, body), fault));
        }
        switch (fault)
        {
            case InjectedFault.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await ErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate limited by the test proxy");
                return;
            case InjectedFault.Unavailable:
                await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "unavailable: the test proxy says so");
                return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, context.Request.Path + context.Request.QueryString));
        if (buffer.Length > 0)
        {
            forward.Content = new ByteArrayContent(buffer.ToArray());
            forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
        }
        using var reply = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)reply.StatusCode;
        context.Response.ContentType = reply.Content.Headers.ContentType?.ToString();
        await using var stream = await reply.Content.ReadAsStreamAsync(context.RequestAborted);
        var chunk = new byte[4096];
        var passed = new List<byte>();
        int read;
        while ((read = await stream.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (fault == InjectedFault.CutStream)
            {
                passed.AddRange(chunk.AsSpan(0, read));
                var end = IndexOfEventEnd(passed);
                if (end < 0)
                {
                    continue;
                }
                // the first whole event reaches the client, then the connection drops (and the upstream request with it)
                _cuts.Enqueue(Encoding.UTF8.GetString(passed.ToArray(), 0, end));
                await context.Response.Body.WriteAsync(passed.ToArray().AsMemory(0, end), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            }
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static int IndexOfEventEnd(List<byte> bytes)
    {
        for (var i = 1; i < bytes.Count; i++)
        {
            if (bytes[i] == '\n' && bytes[i - 1] == '\n')
            {
                return i + 1;
            }
        }
        return -1;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var json = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error", ["code"] = status } };
        await context.Response.WriteAsync(json.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
