using System.Globalization;
using System.Text;
using System.Text.Json;
using Kinship.Lineage.Hub.Crawl;

namespace Kinship.Lineage.Tests.Hub.Crawl;

public sealed class HubCrawlerTests : IDisposable
{
    private const int PageSize = 5;
    private readonly string folder = Directory.CreateTempSubdirectory("kinship-crawl-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>23 items shaped exactly like the Hub's default listing (5 pages of 5, the last of 3).</summary>
    internal static IReadOnlyList<string> ListingItems(int count = 23) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var id = $"org{i % 4}/model-{i:D2}";
            var parent = i % 3 == 0 ? "" : $"\"base_model:meta-llama/Llama-3.1-8B\",\"base_model:{(i % 3 == 1 ? "finetune" : "adapter")}:meta-llama/Llama-3.1-8B\",";
            return "{\"_id\":\"66a1f0c2e4b0" + i.ToString("x12", CultureInfo.InvariantCulture) + "\",\"id\":\"" + id + "\",\"likes\":" + (i * 7 % 11) +
                   ",\"trendingScore\":" + (i % 5) + ",\"private\":false,\"downloads\":" + (i * 1013 % 997) +
                   ",\"tags\":[\"transformers\",\"safetensors\",\"llama\",\"text-generation\",\"conversational\",\"en\"," + parent + "\"license:llama3.1\",\"autotrain_compatible\",\"region:us\"]" +
                   ",\"pipeline_tag\":\"text-generation\",\"library_name\":\"transformers\",\"createdAt\":\"2024-08-" + (1 + i % 28).ToString("D2", CultureInfo.InvariantCulture) +
                   "T12:00:" + (i % 60).ToString("D2", CultureInfo.InvariantCulture) + ".000Z\",\"modelId\":\"" + id + "\"}";
        }),
    ];

    private static string Expected(IEnumerable<string> items) => string.Concat(items.Select(item => item + "\n"));

    private CrawlOptions Options(FakeHub hub, string name = "snapshot.jsonl") => new()
    {
        OutputPath = Path.Combine(folder, name),
        Endpoint = hub.Endpoint,
        PageSize = PageSize,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        // generous: a loaded machine must not turn a first, JIT-slow request into a timeout and a retry the tests would count
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Crawl_follows_next_links_and_writes_every_item_once_in_listing_order()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        hub.IndentedPages.Add(5);
        var options = Options(hub);

        var result = await new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal((23L, 23L, 5L, 0L, false), (result.Models, result.NewModels, result.Pages, result.Retries, result.Resumed));
        var checkpoint = CrawlCheckpoint.Load(options.CheckpointPath)!;
        Assert.Equal((true, (string?)null, 23L, 5L, new FileInfo(options.OutputPath).Length), (checkpoint.Complete, checkpoint.Next, checkpoint.Models, checkpoint.Pages, checkpoint.Bytes));
    }

    [Fact]
    public async Task Rerunning_a_complete_crawl_fetches_nothing_and_changes_nothing()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        var options = Options(hub);
        var crawler = new HubCrawler(new HttpClient());
        await crawler.CrawlAsync(options, cancellationToken: Token);
        var requests = hub.Requests.Count;

        var again = await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.Equal((23L, 0L, true), (again.Models, again.NewModels, again.Resumed));
        Assert.Equal(requests, hub.Requests.Count);
        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
    }

    [Fact]
    public async Task Query_options_become_the_hubs_parameters_and_the_token_a_bearer_header()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems(3));
        var options = Options(hub) with
        {
            Search = "llama 3",
            Author = "org1",
            Filter = ["gguf", "license:mit"],
            Sort = "trendingScore",
            Expand = ["cardData", "baseModels"],
            Token = "hf_secret",
        };

        await new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token);

        Assert.Equal("?search=llama%203&author=org1&filter=gguf&filter=license%3Amit&sort=trendingScore&expand%5B%5D=cardData&expand%5B%5D=baseModels&limit=5", Assert.Single(hub.Queries));
        Assert.Equal("Bearer hf_secret", Assert.Single(hub.Requests).Authorization);
    }

    [Fact]
    public async Task Limit_caps_the_total_and_a_larger_limit_continues_without_duplicates()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        var crawler = new HubCrawler(new HttpClient());
        var options = Options(hub);

        var first = await crawler.CrawlAsync(options with { MaxModels = 7 }, cancellationToken: Token);
        Assert.Equal(Expected(hub.Items.Take(7)), await File.ReadAllTextAsync(options.OutputPath, Token));
        var second = await crawler.CrawlAsync(options with { MaxModels = 12 }, cancellationToken: Token);
        Assert.Equal(Expected(hub.Items.Take(12)), await File.ReadAllTextAsync(options.OutputPath, Token));
        var rest = await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal((7L, 5L, 11L, 23L), (first.NewModels, second.NewModels, rest.NewModels, rest.Models));
    }

    [Fact]
    public async Task Too_many_requests_waits_the_retry_after_seconds_then_continues()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        hub.Inject("page:10", HubFault.TooManyRequestsSeconds);
        var options = Options(hub);
        var progress = new RecordingProgress();

        var result = await new HubCrawler(new HttpClient()).CrawlAsync(options, progress, Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal(1, result.Retries);
        var retry = Assert.Single(progress.Retries);
        Assert.EndsWith("HTTP 429; retry 1 of 3 in 1 s", retry, StringComparison.Ordinal);
        var page10 = hub.Requests.Where(r => r.Target == "page:10").Select(r => r.At).ToArray();
        Assert.Equal(2, page10.Length);
        Assert.True(page10[1] - page10[0] >= TimeSpan.FromMilliseconds(900), $"second request came {(page10[1] - page10[0]).TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task Too_many_requests_with_an_http_date_waits_until_that_date()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems(8));
        hub.Inject("page:5", HubFault.TooManyRequestsDate);
        var options = Options(hub);
        var progress = new RecordingProgress();

        await new HubCrawler(new HttpClient()).CrawlAsync(options, progress, Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        var retry = Assert.Single(progress.Retries);
        var seconds = double.Parse(retry[(retry.LastIndexOf(" in ", StringComparison.Ordinal) + 4)..^2], CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 0.001, 2.0);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_waits_only_the_cap()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems(8));
        hub.Inject("page:0", HubFault.TooManyRequestsHour);
        var options = Options(hub) with { MaxRetryAfter = TimeSpan.FromMilliseconds(20) };
        var progress = new RecordingProgress();

        await new HubCrawler(new HttpClient()).CrawlAsync(options, progress, Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.EndsWith("HTTP 429; retry 1 of 3 in 0.02 s", Assert.Single(progress.Retries), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HubFault.InternalServerError, HubFault.ServiceUnavailable)]
    [InlineData(HubFault.Slow, HubFault.Slow)]
    [InlineData(HubFault.TruncatedJson, HubFault.NotJson)]
    [InlineData(HubFault.ConnectionCut, HubFault.ConnectionCut)]
    internal async Task Transient_faults_are_retried_with_backoff_and_lose_nothing(HubFault first, HubFault second)
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        hub.Inject("page:5", first, second);
        hub.Inject("page:20", first);
        // A short attempt timeout only where the fault is a slow page, so a loaded machine cannot add retries elsewhere.
        var options = Options(hub) with { AttemptTimeout = TimeSpan.FromSeconds(first == HubFault.Slow ? 1.5 : 10) };

        var result = await new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal(3, result.Retries);
    }

    [Theory]
    [InlineData(HubFault.ServiceUnavailable, "failed: HTTP 503 ServiceUnavailable (3 attempts)")]
    [InlineData(HubFault.Slow, "timed out: no complete response within 1.5 s (3 attempts)")]
    [InlineData(HubFault.TruncatedJson, "returned a page that is not a JSON array of models: ")]
    [InlineData(HubFault.NotJson, "returned a page that is not a JSON array of models: ")]
    internal async Task A_fault_that_outlasts_the_retries_is_one_error_naming_the_url_and_the_crawl_resumes_after_it(HubFault fault, string message)
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        hub.Inject("page:10", fault, fault, fault);
        // Only the slow fault needs a short attempt timeout; elsewhere a generous one keeps a loaded machine from
        // turning a parse failure into a timeout (the fake Hub's slow page sleeps 10 s).
        var options = Options(hub) with { MaxRetries = 2, AttemptTimeout = TimeSpan.FromSeconds(fault == HubFault.Slow ? 1.5 : 10) };
        var crawler = new HubCrawler(new HttpClient());

        var error = await Assert.ThrowsAsync<CrawlException>(() => crawler.CrawlAsync(options, cancellationToken: Token));

        var pageUrl = $"{hub.Endpoint.AbsoluteUri.TrimEnd('/')}/api/models?limit=5&cursor=MTA%3D";
        Assert.StartsWith($"GET {pageUrl} ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(Expected(hub.Items.Take(10)), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal(pageUrl, CrawlCheckpoint.Load(options.CheckpointPath)!.Next);

        var resumed = await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
        Assert.Equal((23L, 13L, true), (resumed.Models, resumed.NewModels, resumed.Resumed));
    }

    [Fact]
    public async Task A_crawl_cancelled_after_a_page_resumes_to_the_same_bytes_as_an_uninterrupted_one()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        var crawler = new HubCrawler(new HttpClient());
        var whole = Options(hub, "whole.jsonl");
        await crawler.CrawlAsync(whole, cancellationToken: Token);

        var options = Options(hub, "killed.jsonl");
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var killer = new RecordingProgress(p => { if (p.Pages == 2) kill.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crawler.CrawlAsync(options, killer, kill.Token));
        Assert.Equal(Expected(hub.Items.Take(10)), await File.ReadAllTextAsync(options.OutputPath, Token));

        var resumed = await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(await File.ReadAllBytesAsync(whole.OutputPath, Token), await File.ReadAllBytesAsync(options.OutputPath, Token));
        Assert.Equal((23L, 13L, true), (resumed.Models, resumed.NewModels, resumed.Resumed));
    }

    [Fact]
    public async Task A_half_written_line_left_by_a_kill_is_cut_and_its_page_fetched_again()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        var crawler = new HubCrawler(new HttpClient());
        var options = Options(hub);
        await crawler.CrawlAsync(options with { MaxModels = 10 }, cancellationToken: Token);
        await File.AppendAllTextAsync(options.OutputPath, hub.Items[10] + "\n" + hub.Items[11][..40], Token);

        await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
    }

    [Fact]
    public async Task A_page_flushed_before_its_checkpoint_was_written_is_not_duplicated()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems());
        var crawler = new HubCrawler(new HttpClient());
        var options = Options(hub);
        await crawler.CrawlAsync(options with { MaxModels = 15 }, cancellationToken: Token);
        await File.AppendAllTextAsync(options.OutputPath, Expected(hub.Items.Skip(15).Take(5)), Token);

        await crawler.CrawlAsync(options, cancellationToken: Token);

        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
    }

    [Fact]
    public async Task Cards_land_in_card_text_and_a_404_is_no_card()
    {
        var items = ListingItems(12);
        var cards = new Dictionary<string, string>
        {
            ["org0/model-00"] = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# model-00\n\nA \"quoted\" card, with ünïcödé and a\ttab.\n",
            ["org1/model-05"] = "# model-05\n\nThis model card has been automatically generated.\n",
            ["org3/model-11"] = "",
        };
        await using var hub = await FakeHub.StartAsync(items, cards);
        hub.Inject("card:org1/model-05", HubFault.ServiceUnavailable);
        var options = Options(hub) with { Cards = true, CardConcurrency = 3 };

        var result = await new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: Token);

        var lines = await File.ReadAllLinesAsync(options.OutputPath, Token);
        Assert.Equal(12, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var id = line.RootElement.GetProperty("id").GetString()!;
            var card = line.RootElement.GetProperty(HubCrawler.CardTextField);
            Assert.Equal(cards.GetValueOrDefault(id), card.ValueKind == JsonValueKind.Null ? null : card.GetString());
            Assert.Equal(items[i][..^1] + ",\"cardText\":", lines[i][..items[i].Length] + "\"cardText\":");
        }
        Assert.Equal((3L, 9L, 1L), (result.Cards, result.MissingCards, result.Retries));
    }

    [Fact]
    public async Task An_existing_snapshot_without_checkpoint_or_of_another_query_is_refused()
    {
        await using var hub = await FakeHub.StartAsync(ListingItems(3));
        var crawler = new HubCrawler(new HttpClient());
        var options = Options(hub);
        await File.WriteAllTextAsync(options.OutputPath, "{\"id\":\"mine\"}\n", Token);

        var orphan = await Assert.ThrowsAsync<CrawlException>(() => crawler.CrawlAsync(options, cancellationToken: Token));
        Assert.Equal($"{options.OutputPath} already exists and has no checkpoint ({options.CheckpointPath}); choose another output or restart the crawl to overwrite it", orphan.Message);
        Assert.Equal("{\"id\":\"mine\"}\n", await File.ReadAllTextAsync(options.OutputPath, Token));

        await crawler.CrawlAsync(options with { Restart = true }, cancellationToken: Token);
        var other = await Assert.ThrowsAsync<CrawlException>(() => crawler.CrawlAsync(options with { Author = "org2" }, cancellationToken: Token));
        Assert.StartsWith($"{options.CheckpointPath} belongs to another crawl (query {hub.Endpoint.AbsoluteUri}api/models?limit=5", other.Message, StringComparison.Ordinal);
        Assert.Equal(Expected(hub.Items), await File.ReadAllTextAsync(options.OutputPath, Token));
    }

    private sealed class RecordingProgress(Action<CrawlProgress>? onReport = null) : IProgress<CrawlProgress>
    {
        private readonly Lock gate = new();
        private readonly List<CrawlProgress> reports = [];

        public IReadOnlyList<CrawlProgress> Reports
        {
            get { lock (gate) return [.. reports]; }
        }

        /// <summary>Each distinct retry reason reported.</summary>
        public IReadOnlyList<string> Retries => [.. Reports.Select(p => p.LastRetry).OfType<string>().Distinct()];

        public void Report(CrawlProgress value)
        {
            lock (gate) reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
