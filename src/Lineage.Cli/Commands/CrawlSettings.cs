using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Options of <c>lineage crawl</c>.</summary>
public sealed class CrawlSettings : CommandSettings
{
    [CommandOption("-o|--out <SNAPSHOT>")]
    [Description("JSON Lines snapshot to write (appended to and resumed from; its cursor lives in SNAPSHOT.checkpoint.json)")]
    public string? Out { get; init; }

    [CommandOption("--endpoint <URL>")]
    [Description("Hub address (default https://huggingface.co); HF_TOKEN, when set, is sent to it as a Bearer token")]
    public string Endpoint { get; init; } = "https://huggingface.co";

    [CommandOption("--expand <PROPERTY>")]
    [Description("Property to request with expand[[]]= (repeatable), e.g. cardData, baseModels, siblings")]
    public string[] Expand { get; init; } = [];

    [CommandOption("--search <TEXT>")]
    [Description("Only models whose id contains TEXT")]
    public string? Search { get; init; }

    [CommandOption("--author <NAME>")]
    [Description("Only models of this user or organisation")]
    public string? Author { get; init; }

    [CommandOption("--filter <TAG>")]
    [Description("Only models carrying this tag (repeatable: all must match)")]
    public string[] Filter { get; init; } = [];

    [CommandOption("--sort <FIELD>")]
    [Description("Listing order: trendingScore, downloads, likes, createdAt, lastModified (default: the Hub's)")]
    public string? Sort { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Stop after N models in total (a rerun with a larger N continues); default: the whole listing")]
    public long? Limit { get; init; }

    [CommandOption("--page-size <N>")]
    [Description("Models per page, sent as the Hub's limit= parameter (default 1000, the Hub's maximum)")]
    public int PageSize { get; init; } = 1000;

    [CommandOption("--cards")]
    [Description("Also download each model's README.md into the item's cardText field (null when the model has none)")]
    public bool Cards { get; init; }

    [CommandOption("--card-concurrency <N>")]
    [Description("Card downloads at once (default 8)")]
    public int CardConcurrency { get; init; } = 8;

    [CommandOption("--retries <N>")]
    [Description("Retries per request on 429, 5xx, timeouts and bad pages (default 5)")]
    public int Retries { get; init; } = 5;

    [CommandOption("--retry-delay <SECONDS>")]
    [Description("First backoff delay, doubled on each retry (default 1)")]
    public double RetryDelay { get; init; } = 1;

    [CommandOption("--timeout <SECONDS>")]
    [Description("Time allowed for one request and its body (default 60)")]
    public double Timeout { get; init; } = 60;

    [CommandOption("--restart")]
    [Description("Discard an existing snapshot and checkpoint and crawl from the first page")]
    public bool Restart { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out SNAPSHOT.jsonl is required");
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            return ValidationResult.Error($"--endpoint {Endpoint}: not an absolute http(s) URL");
        }
        if (Limit is <= 0) return ValidationResult.Error($"--limit {Limit}: must be a positive number of models");
        if (PageSize is < 1 or > 1000) return ValidationResult.Error($"--page-size {PageSize}: must be between 1 and 1000");
        if (CardConcurrency is < 1 or > 64) return ValidationResult.Error($"--card-concurrency {CardConcurrency}: must be between 1 and 64");
        if (Retries is < 0 or > 50) return ValidationResult.Error($"--retries {Retries}: must be between 0 and 50");
        if (!(RetryDelay >= 0) || RetryDelay > 3600) return ValidationResult.Error($"--retry-delay {RetryDelay}: must be between 0 and 3600 seconds");
        if (!(Timeout > 0) || Timeout > 3600) return ValidationResult.Error($"--timeout {Timeout}: must be between 0 and 3600 seconds");
        var problem = OutputPaths.Problem(Out, "the crawl snapshot", OutputFileKind.JsonLines, catalogPath: null)
            ?? OutputPaths.Problem(Out + ".checkpoint.json", "the crawl checkpoint", OutputFileKind.Text, catalogPath: null);
        return problem is null ? ValidationResult.Success() : ValidationResult.Error(problem);
    }
}
