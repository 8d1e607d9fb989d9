using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinship.Lineage.Tests.Hub.Crawl;

/// <summary>A fault the fake Hub injects into one response.</summary>
internal enum HubFault
{
    TooManyRequestsSeconds,
    TooManyRequestsDate,
    TooManyRequestsHour,
    InternalServerError,
    ServiceUnavailable,
    Slow,
    TruncatedJson,
    ConnectionCut,
    NotJson,
    LoneSurrogate,
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 serving <c>/api/models</c> pages (Link-header cursors, as the Hub paginates) and
/// <c>/{owner}/{name}/raw/main/README.md</c> cards, with scripted faults per page or card.
/// </summary>
internal sealed class FakeHub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<HubFault>> faults = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset At, string Target, string? Authorization)> requests = [];

    private FakeHub(WebApplication app, IReadOnlyList<string> items, IReadOnlyDictionary<string, string> cards)
    {
        this.app = app;
        Items = items;
        Cards = cards;
    }

    /// <summary>The listing's items, compact JSON, in listing order.</summary>
    public IReadOnlyList<string> Items { get; }
    /// <summary>Card text by model id; other ids answer 404.</summary>
    public IReadOnlyDictionary<string, string> Cards { get; }
    public Uri Endpoint { get; private set; } = null!;
    /// <summary>Overrides the Link rel="next" URL of the page starting at an item index (null: the normal cursor).</summary>
    public Func<int, string?> NextLink { get; set; } = _ => null;

    /// <summary>The listing URL of the page starting at item <paramref name="start"/>, as the Hub's cursor writes it.</summary>
    public string PageUrl(int start, int limit) =>
        $"{Endpoint.AbsoluteUri.TrimEnd('/')}/api/models?limit={limit}&cursor={Uri.EscapeDataString(Convert.ToBase64String(Encoding.ASCII.GetBytes(start.ToString(CultureInfo.InvariantCulture))))}";

    /// <summary>Pages served pretty-printed (several lines per item), to pin that the snapshot stays one item per line.</summary>
    public HashSet<int> IndentedPages { get; } = [];

    public static async Task<FakeHub> StartAsync(IReadOnlyList<string> items, IReadOnlyDictionary<string, string>? cards = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hub = new FakeHub(app, items, cards ?? new Dictionary<string, string>());
        app.MapGet("/api/models", hub.ServeListingAsync);
        app.MapGet("/{owner}/{name}/raw/main/README.md", hub.ServeCardAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        hub.Endpoint = new Uri(address);
        return hub;
    }

    /// <summary>Makes the next requests for <paramref name="target"/> (<c>page:N</c> with N the first item's index, or <c>card:ID</c>) fail with these faults, in order.</summary>
    public void Inject(string target, params HubFault[] sequence)
    {
        lock (gate)
        {
            if (!faults.TryGetValue(target, out var queue)) faults[target] = queue = new Queue<HubFault>();
            foreach (var fault in sequence) queue.Enqueue(fault);
        }
    }

    /// <summary>Removes every pending fault.</summary>
    public void Heal()
    {
        lock (gate) faults.Clear();
    }

    /// <summary>Every request so far: when, <c>page:N</c> / <c>card:ID</c>, and its Authorization header.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Target, string? Authorization)> Requests
    {
        get { lock (gate) return [.. requests]; }
    }

    /// <summary>The raw query strings of listing requests.</summary>
    public List<string> Queries { get; } = [];

    private HubFault? Take(string target, HttpContext context)
    {
        lock (gate)
        {
            requests.Add((DateTimeOffset.UtcNow, target, context.Request.Headers.Authorization.FirstOrDefault()));
            return faults.TryGetValue(target, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private async Task ServeListingAsync(HttpContext context)
    {
        lock (gate) Queries.Add(context.Request.QueryString.Value ?? "");
        var limit = int.Parse(context.Request.Query["limit"].FirstOrDefault() ?? "1000", CultureInfo.InvariantCulture);
        var cursor = context.Request.Query["cursor"].FirstOrDefault();
        var start = cursor is null ? 0 : int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture);
        var target = "page:" + start.ToString(CultureInfo.InvariantCulture);
        if (Take(target, context) is { } fault && await ServeFaultAsync(context, fault))
        {
            return;
        }
        var end = Math.Min(start + limit, Items.Count);
        if (NextLink(start) is { } overridden)
        {
            context.Response.Headers.Link = $"<{overridden}>; rel=\"next\"";
        }
        else if (end < Items.Count)
        {
            context.Response.Headers.Link = $"<{PageUrl(end, limit)}>; rel=\"next\"";
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        var separator = IndentedPages.Contains(start) ? ",\n  " : ",";
        var page = Items.Skip(start).Take(end - start).Select(item => IndentedPages.Contains(start) ? item.Replace(",\"", ",\n    \"", StringComparison.Ordinal) : item);
        await context.Response.WriteAsync("[" + string.Join(separator, page) + "]");
    }

    private async Task ServeCardAsync(HttpContext context, string owner, string name)
    {
        var id = owner + "/" + name;
        if (Take("card:" + id, context) is { } fault && await ServeFaultAsync(context, fault))
        {
            return;
        }
        if (!Cards.TryGetValue(id, out var card))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("Entry not found");
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(card);
    }

    private static async Task<bool> ServeFaultAsync(HttpContext context, HubFault fault)
    {
        switch (fault)
        {
            case HubFault.TooManyRequestsSeconds:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return true;
            case HubFault.TooManyRequestsDate:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
                return true;
            case HubFault.TooManyRequestsHour:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "3600";
                return true;
            case HubFault.InternalServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("Internal Error");
                return true;
            case HubFault.ServiceUnavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return true;
            case HubFault.Slow:
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return true;
            case HubFault.TruncatedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("[{\"_id\":\"65f\",\"id\":\"trunc/ated\",\"likes\":");
                return true;
            case HubFault.ConnectionCut:
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = 4096;
                await context.Response.WriteAsync("[{\"_id\":\"65f\",\"id\":\"cut/off\"");
                await context.Response.Body.FlushAsync();
                context.Abort();
                return true;
            case HubFault.LoneSurrogate:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("[{\"_id\":\"66b\",\"id\":\"bad/half-\\ud800\",\"likes\":1}]");
                return true;
            case HubFault.NotJson:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>");
                return true;
            default:
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
