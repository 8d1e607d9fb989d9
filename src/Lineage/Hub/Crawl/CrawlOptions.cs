namespace Kinship.Lineage.Hub.Crawl;

/// <summary>What to crawl from a Hub's <c>GET /api/models</c> listing, where to write it, and how hard to retry.</summary>
public sealed record CrawlOptions
{
    /// <summary>The public Hugging Face Hub.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <summary>The JSON Lines snapshot to append to; its checkpoint is <see cref="CheckpointPath"/>.</summary>
    public required string OutputPath { get; init; }
    /// <summary>The Hub's base address (<c>https://huggingface.co</c>).</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>Bearer token sent to the endpoint's host (never to another host); null for anonymous access.</summary>
    public string? Token { get; init; }
    /// <summary>Properties requested with <c>expand[]=</c> (the Hub then returns only these plus <c>_id</c>/<c>id</c>).</summary>
    public IReadOnlyList<string> Expand { get; init; } = [];
    /// <summary>The Hub's <c>search</c> parameter (substring of the id).</summary>
    public string? Search { get; init; }
    /// <summary>The Hub's <c>author</c> parameter.</summary>
    public string? Author { get; init; }
    /// <summary>Tags every listed model must carry (one <c>filter=</c> each).</summary>
    public IReadOnlyList<string> Filter { get; init; } = [];
    /// <summary>The Hub's <c>sort</c> parameter (e.g. <c>trendingScore</c>, <c>downloads</c>, <c>createdAt</c>); null keeps the Hub's default.</summary>
    public string? Sort { get; init; }
    /// <summary>Items per page, sent as the Hub's <c>limit</c> parameter (the Hub serves at most 1,000).</summary>
    public int PageSize { get; init; } = 1000;
    /// <summary>Stop after this many models in total (null: crawl until the listing has no next page).</summary>
    public long? MaxModels { get; init; }
    /// <summary>Download each model's card (<c>{endpoint}/{id}/raw/main/README.md</c>) into the item's <c>cardText</c> field.</summary>
    public bool Cards { get; init; }
    /// <summary>How many card downloads run at once.</summary>
    public int CardConcurrency { get; init; } = 8;
    /// <summary>Retries after the first attempt of a request (429, 408, 5xx, timeouts, connection errors, bad pages).</summary>
    public int MaxRetries { get; init; } = 5;
    /// <summary>The first backoff delay; it doubles on every retry.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The longest wait a 429's <c>Retry-After</c> may impose.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>How long one attempt (request and body) may take before it counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Discard an existing snapshot and checkpoint and start over (otherwise an existing checkpoint is resumed).</summary>
    public bool Restart { get; init; }

    /// <summary>The sidecar file holding the resume cursor: <c>{OutputPath}.checkpoint.json</c>.</summary>
    public string CheckpointPath => OutputPath + ".checkpoint.json";

    /// <summary>The first page's address built from the query options (this identifies the crawl in its checkpoint).</summary>
    public Uri FirstPageUrl()
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Search)) query.Add("search=" + Uri.EscapeDataString(Search));
        if (!string.IsNullOrEmpty(Author)) query.Add("author=" + Uri.EscapeDataString(Author));
        foreach (var tag in Filter) query.Add("filter=" + Uri.EscapeDataString(tag));
        if (!string.IsNullOrEmpty(Sort)) query.Add("sort=" + Uri.EscapeDataString(Sort));
        foreach (var property in Expand) query.Add("expand%5B%5D=" + Uri.EscapeDataString(property));
        query.Add("limit=" + PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var root = Endpoint.AbsoluteUri.TrimEnd('/');
        return new Uri(root + "/api/models?" + string.Join('&', query));
    }

    /// <summary>The address of a model's card on the endpoint.</summary>
    public Uri CardUrl(string modelId)
    {
        var path = string.Join('/', modelId.Split('/').Select(Uri.EscapeDataString));
        return new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + path + "/raw/main/README.md");
    }
}
