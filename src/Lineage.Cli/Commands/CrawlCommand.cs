using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using System.Globalization;
using System.Net;
using Kinship.Lineage.Hub.Crawl;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage crawl</c>: page through a Hub's model listing into a resumable JSON Lines snapshot.</summary>
public sealed class CrawlCommand(IAnsiConsole console) : AsyncCommand<CrawlSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CrawlSettings settings, CancellationToken cancellationToken)
    {
        var options = new CrawlOptions
        {
            OutputPath = Path.GetFullPath(settings.Out!),
            Endpoint = new Uri(settings.Endpoint),
            Token = Environment.GetEnvironmentVariable("HF_TOKEN"),
            Expand = settings.Expand,
            Search = settings.Search,
            Author = settings.Author,
            Filter = settings.Filter,
            Sort = settings.Sort,
            PageSize = settings.PageSize,
            MaxModels = settings.Limit,
            Cards = settings.Cards,
            CardConcurrency = settings.CardConcurrency,
            MaxRetries = settings.Retries,
            RetryBaseDelay = TimeSpan.FromSeconds(settings.RetryDelay),
            AttemptTimeout = TimeSpan.FromSeconds(settings.Timeout),
            Restart = settings.Restart,
        };
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("kinship-lineage/0.1");
        var crawler = new HubCrawler(http);
        try
        {
            CrawlResult result;
            if (console.Profile.Capabilities.Interactive)
            {
                result = await console.Status().StartAsync("crawling " + options.FirstPageUrl(), async status =>
                    await crawler.CrawlAsync(options, new Progress(p => status.Status(TerminalText.Markup(Describe(p)))), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                result = await crawler.CrawlAsync(options, new Progress(p => console.WriteLine(TerminalText.Escape(Describe(p)))), cancellationToken).ConfigureAwait(false);
            }
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crawl: {result.Models:N0} models in {result.Pages:N0} pages in {options.OutputPath} ({result.NewModels:N0} new{(result.Resumed ? ", resumed" : "")}; cards {result.Cards:N0}, no card {result.MissingCards:N0}; {result.Retries:N0} retries{(result.Duplicates > 0 ? $"; {result.Duplicates:N0} repeated items skipped" : "")}; {result.Elapsed.TotalSeconds:0.0} s)"));
            return 0;
        }
        catch (CrawlException e)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}; the snapshot keeps every complete page, rerun the same command to resume");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("crawl cancelled; rerun the same command to resume.");
            return 130;
        }
    }

    private static string Describe(CrawlProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"page {p.Pages:N0}: {p.Models:N0} models") +
        (p.Cards + p.MissingCards > 0 ? string.Create(CultureInfo.InvariantCulture, $", cards {p.Cards:N0}, no card {p.MissingCards:N0}") : "") +
        (p.LastRetry is { } retry ? $"; retry {p.Retries}: {retry}" : "");

    private sealed class Progress(Action<CrawlProgress> report) : IProgress<CrawlProgress>
    {
        public void Report(CrawlProgress value) => report(value);
    }
}
