using Kinship.Lineage.Hub.Crawl;

namespace Kinship.Lineage.Tests.Hub.Crawl;

/// <summary>The crawler against a Hub that repeats pages, loops its cursor, links elsewhere or serves text that is not text.</summary>
public sealed class HostileHubTests : IDisposable
{
    private const int PageSize = 5;
    private readonly string folder = Directory.CreateTempSubdirectory("kinship-hostile-crawl-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private CrawlOptions Options(FakeHub hub) => new()
    {
        OutputPath = Path.Combine(folder, "snapshot.jsonl"),
        Endpoint = hub.Endpoint,
        PageSize = PageSize,
        Token = "hf_secret",
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Expected(IEnumerable<string> items) => string.Concat(items.Select(item => item + "\n"));

    [Fact]
    public async Task Items_served_again_are_skipped_and_counted_and_every_model_is_written_once()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        hub.NextLink = start => start == 5 ? hub.PageUrl(3, PageSize) : null; // pages 0, 5, then 3..7 again, 8..12, ...
        var options = Options(hub);

        var result = await new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal((23L, 7L), (result.Models, result.Duplicates));
    }

    [Fact]
    public async Task The_ids_written_survive_a_resume()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        var crawler = new HubCrawler(new HttpClient());
        var options = Options(hub);
        await crawler.CrawlAsync(options with { MaxModels = 10 }, cancellationToken: Token);
        hub.NextLink = start => start == 10 ? hub.PageUrl(3, PageSize) : null; // after resuming at 10: items 3..12 again, then 13, 14 again

        var result = await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.True(result.Resumed);
        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal((23L, 12L, "page:0 page:5 page:10 page:3 page:8 page:13 page:18"), (result.Models, result.Duplicates, string.Join(" ", hub.Requests.Select(r => r.Target))));
    }

    [Fact]
    public async Task A_looping_cursor_stops_the_crawl_with_an_error_naming_the_url()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        hub.NextLink = start => start == 15 ? hub.PageUrl(5, PageSize) : null;
        var options = Options(hub);

        var error = await Assert.ThrowsAsync<CrawlException>(() => new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token));

        Assert.Equal(
            $"GET {hub.PageUrl(15, PageSize)}: its Link rel=\"next\" is {hub.PageUrl(5, PageSize)}, a page this crawl already fetched; the cursor loops, so the crawl stops here (20 models written, 0 duplicates skipped)",
            error.Message);
        Assert.Equal(4, hub.Requests.Count);
        Assert.Equal(Expected(hub.Items.Take(20)), await File.ReadAllTextAsync(options.OutputPath, Token));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/api/models?cursor=NQ")]
    [InlineData("http://localhost:{port}/api/models?cursor=NQ")]
    [InlineData("https://attacker.example/api/models?cursor=NQ")]
    public async Task A_next_link_off_the_endpoint_is_refused_naming_it_and_the_token_goes_nowhere_else(string link)
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        var next = link.Replace("{port}", hub.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        hub.NextLink = start => start == 5 ? next : null;
        var options = Options(hub);

        var error = await Assert.ThrowsAsync<CrawlException>(() => new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token));

        Assert.Equal($"GET {hub.PageUrl(5, PageSize)}: its Link rel=\"next\" points to {new Uri(next)}, which is not on the endpoint {hub.Endpoint.GetLeftPart(UriPartial.Authority)}; refusing to follow it", error.Message);
        Assert.Equal(["page:0", "page:5"], hub.Requests.Select(r => r.Target));
        Assert.Equal(Expected(hub.Items.Take(5)), await File.ReadAllTextAsync(options.OutputPath, Token));
    }

    [Fact]
    public async Task A_page_with_a_lone_surrogate_is_an_error_naming_the_url_and_a_resume_after_it_completes()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        hub.Inject("page:10", HubFault.LoneSurrogate, HubFault.LoneSurrogate);
        var options = Options(hub);
        var crawler = new HubCrawler(new HttpClient());

        var error = await Assert.ThrowsAsync<CrawlException>(() => crawler.CrawlAsync(options, cancellationToken: Token));
        hub.Heal();
        var resumed = await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.StartsWith($"GET {hub.PageUrl(10, PageSize)} returned a page that is not a JSON array of models: item 0: id holds a lone surrogate escape", error.Message, StringComparison.Ordinal);
        Assert.True(resumed.Resumed);
        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
    }
}
