using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Hub.Crawl;

public sealed class CrawlCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kinship-crawl-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<CrawlCommand>("crawl");
        });
        return app;
    }

    [Fact]
    public async Task Crawl_command_writes_the_snapshot_and_ends_with_a_one_line_summary()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        var output = Path.Combine(folder, "hub.jsonl");

        var result = await App().RunAsync(["crawl", "--out", output, "--endpoint", hub.Endpoint.AbsoluteUri, "--page-size", "5", "--limit", "12"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(hub.Items.Take(12).Select(item => item + "\n")), await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("page 2: 12 models", lines[^2].Trim());
        Assert.StartsWith($"crawl: 12 models in 2 pages in {output} (12 new; cards 0, no card 0; 0 retries; ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crawl_command_reports_a_failing_page_as_one_error_line_naming_its_url()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        hub.Inject("page:0", HubFault.ServiceUnavailable);
        var output = Path.Combine(folder, "hub.jsonl");

        string[] args = ["crawl", "--out", output, "--endpoint", hub.Endpoint.AbsoluteUri, "--page-size", "5", "--retries", "0"];
        var result = await Task.Run(() => Kinship.Testing.CliHarness.Run(config => config.AddCommand<CrawlCommand>("crawl"), typeof(CrawlCommand).Assembly, args), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: GET {hub.Endpoint.AbsoluteUri}api/models?limit=5 failed: HTTP 503 ServiceUnavailable (1 attempt)", result.Errors, StringComparison.Ordinal);
        Assert.Single(result.Errors.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("error", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--page-size", "0", "--page-size 0: must be between 1 and 1000")]
    [InlineData("--endpoint", "ftp://example.org", "--endpoint ftp://example.org: not an absolute http(s) URL")]
    [InlineData("--limit", "-3", "--limit -3: must be a positive number of models")]
    public async Task Crawl_command_rejects_bad_options_with_a_message_naming_the_option(string option, string value, string message)
    {
        var result = await App().RunAsync(["crawl", "--out", Path.Combine(folder, "x.jsonl"), option, value], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }
}
