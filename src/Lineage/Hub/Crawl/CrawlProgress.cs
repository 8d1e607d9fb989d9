namespace Kinship.Lineage.Hub.Crawl;

/// <summary>A crawl's progress after a page was written, or after a request is about to be retried.</summary>
/// <param name="Pages">Pages in the snapshot (including those of earlier runs).</param>
/// <param name="Models">Models in the snapshot.</param>
/// <param name="Cards">Cards downloaded in this run.</param>
/// <param name="MissingCards">Models without a card (404) in this run.</param>
/// <param name="Retries">Retries in this run.</param>
/// <param name="LastRetry">Why the most recent retry happened, with its URL and delay; null before the first.</param>
public sealed record CrawlProgress(long Pages, long Models, long Cards, long MissingCards, long Retries, string? LastRetry);
