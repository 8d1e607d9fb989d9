namespace Kinship.Lineage.Hub.Crawl;

/// <summary>What a finished crawl run did.</summary>
/// <param name="Models">Models in the snapshot in total.</param>
/// <param name="NewModels">Models this run appended.</param>
/// <param name="Pages">Pages in the snapshot in total.</param>
/// <param name="Cards">Cards downloaded in this run.</param>
/// <param name="MissingCards">Models without a card in this run.</param>
/// <param name="Retries">Retries in this run.</param>
/// <param name="Resumed">True when the run continued an earlier checkpoint.</param>
/// <param name="Elapsed">Wall time of this run.</param>
/// <param name="Duplicates">Items skipped this run because a model with that id was already written (a page served twice).</param>
public sealed record CrawlResult(long Models, long NewModels, long Pages, long Cards, long MissingCards, long Retries, bool Resumed, TimeSpan Elapsed, long Duplicates = 0);
