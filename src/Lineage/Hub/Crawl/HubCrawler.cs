using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kinship.Lineage.Hub.Crawl;

/// <summary>Pages through a Hub's <c>GET /api/models</c> listing into a resumable JSON Lines snapshot (the study's listing stage, §1.1).</summary>
/// <remarks>
/// Each page's items are appended and flushed to disk before the checkpoint moves past the page, and a resumed crawl
/// first cuts the snapshot back to the length the checkpoint records, so a crawl killed at any instant resumes with
/// no duplicate and no missing model.
/// </remarks>
public sealed class HubCrawler(HttpClient http)
{
    /// <summary>The field holding a model's card text in a snapshot item (null when the model has no card).</summary>
    public const string CardTextField = "cardText";

    private static readonly JsonWriterOptions LineWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Crawls (or resumes) the listing described by <paramref name="options"/>; progress is reported after every page and retry.</summary>
    /// <exception cref="CrawlException">A request failed after its retries, or the snapshot and checkpoint do not belong together.</exception>
    public async Task<CrawlResult> CrawlAsync(CrawlOptions options, IProgress<CrawlProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var run = new RunCounters(progress);
        var checkpoint = OpenCheckpoint(options, out var resumed);
        var startModels = checkpoint.Models;
        var pipeline = BuildPipeline(options, run);

        await using (var snapshot = new FileStream(options.OutputPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read))
        {
            // Whatever lies past the checkpoint (a half-written line, or a page written before the crash could record it) goes.
            snapshot.SetLength(checkpoint.Bytes);
            snapshot.Seek(checkpoint.Bytes, SeekOrigin.Begin);
            snapshot.Flush(flushToDisk: true);
            // the ids already written survive a resume: they are read back from the snapshot itself
            var written = WrittenIds(options.OutputPath, checkpoint.Bytes);
            var fetched = new HashSet<string>(StringComparer.Ordinal);
            var buffer = new ArrayBufferWriter<byte>(1 << 16);
            while (checkpoint.Next is not null && (options.MaxModels is null || checkpoint.Models < options.MaxModels))
            {
                var url = new Uri(checkpoint.Next);
                fetched.Add(url.AbsoluteUri);
                var page = await FetchPageAsync(pipeline, options, url, run, cancellationToken).ConfigureAwait(false);
                if (page.Next is { } next)
                {
                    CheckNextLink(url, next, options.Endpoint);
                }
                if (checkpoint.Skip > page.Items.Count)
                {
                    throw new CrawlException($"GET {url}: the page now has {page.Items.Count} items but {checkpoint.Skip} of it were written before; the listing changed under the crawl (use --restart)");
                }
                // walk the page from the first unwritten item: a model already written is skipped and counted; the cap counts models written
                var items = new List<PageItem>(page.Items.Count);
                var consumed = 0;
                var capped = false;
                for (var i = checkpoint.Skip; i < page.Items.Count; i++)
                {
                    if (options.MaxModels is { } max && checkpoint.Models + items.Count >= max)
                    {
                        capped = true;
                        break;
                    }
                    consumed++;
                    var item = page.Items[i];
                    if (item.Id is { } id && !written.Add(id))
                    {
                        run.AddDuplicate();
                        continue;
                    }
                    items.Add(item);
                }
                var take = items.Count;
                var cards = options.Cards ? await FetchCardsAsync(pipeline, options, [.. items], run, cancellationToken).ConfigureAwait(false) : null;

                buffer.ResetWrittenCount();
                WriteLines(buffer, [.. items], cards);
                snapshot.Write(buffer.WrittenSpan);
                snapshot.Flush(flushToDisk: true);

                checkpoint = capped
                    ? checkpoint with { Skip = checkpoint.Skip + consumed, Models = checkpoint.Models + take, Bytes = snapshot.Position }
                    : checkpoint with { Next = page.Next?.AbsoluteUri, Skip = 0, Models = checkpoint.Models + take, Pages = checkpoint.Pages + 1, Bytes = snapshot.Position, Complete = page.Next is null };
                checkpoint.Save(options.CheckpointPath);
                run.Pages = checkpoint.Pages;
                run.Models = checkpoint.Models;
                run.Report();
                if (!capped && page.Next is { } following && fetched.Contains(following.AbsoluteUri))
                {
                    throw new CrawlException($"GET {url}: its Link rel=\"next\" is {following}, a page this crawl already fetched; the cursor loops, so the crawl stops here ({checkpoint.Models} models written, {run.Duplicates} duplicates skipped)");
                }
            }
        }

        return new CrawlResult(checkpoint.Models, checkpoint.Models - startModels, checkpoint.Pages, run.Cards, run.MissingCards, run.Retries, resumed, clock.Elapsed, run.Duplicates);
    }

    /// <summary>A next link is followed only to the endpoint's own scheme, host and port: the token is never sent elsewhere.</summary>
    private static void CheckNextLink(Uri page, Uri next, Uri endpoint)
    {
        if (!next.IsAbsoluteUri || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps) || !SameOrigin(next, endpoint))
        {
            throw new CrawlException($"GET {page}: its Link rel=\"next\" points to {next}, which is not on the endpoint {endpoint.GetLeftPart(UriPartial.Authority)}; refusing to follow it");
        }
    }

    /// <summary>The model ids in the first <paramref name="length"/> bytes of the snapshot.</summary>
    private static HashSet<string> WrittenIds(string path, long length)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (length == 0)
        {
            return ids;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        foreach (var (_, bytes) in Utf8LineReader.Lines(stream))
        {
            if (Utf8LineReader.IsBlank(bytes.Span))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(bytes);
                if (ModelId(document.RootElement) is { } id)
                {
                    ids.Add(id);
                }
            }
            catch (JsonException e)
            {
                throw new CrawlException($"{path}: a line before the checkpoint is not JSON ({e.Message}); the snapshot was changed after the crawl wrote it; restart the crawl", e);
            }
        }
        return ids;
    }

    private static CrawlCheckpoint OpenCheckpoint(CrawlOptions options, out bool resumed)
    {
        var first = options.FirstPageUrl();
        if (options.Restart)
        {
            File.Delete(options.CheckpointPath);
            File.Delete(options.OutputPath);
        }
        var checkpoint = CrawlCheckpoint.Load(options.CheckpointPath);
        var length = File.Exists(options.OutputPath) ? new FileInfo(options.OutputPath).Length : 0;
        if (checkpoint is null)
        {
            if (length > 0)
            {
                throw new CrawlException($"{options.OutputPath} already exists and has no checkpoint ({options.CheckpointPath}); choose another output or restart the crawl to overwrite it");
            }
            resumed = false;
            checkpoint = CrawlCheckpoint.Start(first, options.Cards);
            checkpoint.Save(options.CheckpointPath);
            return checkpoint;
        }
        if (!string.Equals(checkpoint.Query, first.AbsoluteUri, StringComparison.Ordinal) || checkpoint.Cards != options.Cards)
        {
            throw new CrawlException($"{options.CheckpointPath} belongs to another crawl (query {checkpoint.Query}, cards {checkpoint.Cards.ToString().ToLowerInvariant()}), not to {first.AbsoluteUri} (cards {options.Cards.ToString().ToLowerInvariant()}); choose another output or restart the crawl");
        }
        if (length < checkpoint.Bytes)
        {
            throw new CrawlException($"{options.OutputPath} is {length} bytes but its checkpoint records {checkpoint.Bytes}; the snapshot was changed after the crawl wrote it; restart the crawl");
        }
        resumed = true;
        return checkpoint;
    }

    private static void WriteLines(ArrayBufferWriter<byte> buffer, PageItem[] items, string?[]? cards)
    {
        using var writer = new Utf8JsonWriter(buffer, LineWriter);
        for (var i = 0; i < items.Length; i++)
        {
            writer.WriteStartObject();
            foreach (var property in items[i].Item.EnumerateObject())
            {
                if (cards is not null && property.NameEquals(CardTextField)) continue;
                property.WriteTo(writer);
            }
            if (cards is not null)
            {
                if (cards[i] is { } card) writer.WriteString(CardTextField, card);
                else writer.WriteNull(CardTextField);
            }
            writer.WriteEndObject();
            writer.Flush();
            buffer.Write("\n"u8);
            writer.Reset(buffer);
        }
    }

    private async Task<Page> FetchPageAsync(ResiliencePipeline<Attempt<Page>> pipeline, CrawlOptions options, Uri url, RunCounters run, CancellationToken cancellationToken)
    {
        var outcome = await ExecuteAsync(pipeline, options, url, run, ParsePage, cancellationToken).ConfigureAwait(false);
        if (outcome.Status != HttpStatusCode.OK || outcome.Value is null)
        {
            throw new CrawlException($"GET {url} failed: HTTP {(int)outcome.Status} {outcome.Status} ({Attempts(outcome.Attempts)})");
        }
        return outcome.Value;
    }

    private async Task<string?[]> FetchCardsAsync(ResiliencePipeline<Attempt<Page>> pipeline, CrawlOptions options, PageItem[] items, RunCounters run, CancellationToken cancellationToken)
    {
        var cards = new string?[items.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.CardConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Length), parallel, async (i, token) =>
        {
            if (items[i].Id is not { } id)
            {
                run.AddMissingCard();
                return;
            }
            var url = options.CardUrl(id);
            var outcome = await ExecuteAsync(pipeline, options, url, run, static (response, body) =>
                new Page([], null, Encoding.UTF8.GetString(body)), token).ConfigureAwait(false);
            switch (outcome.Status)
            {
                case HttpStatusCode.OK:
                    cards[i] = outcome.Value!.Text;
                    run.AddCard();
                    break;
                case HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    run.AddMissingCard();
                    break;
                default:
                    throw new CrawlException($"GET {url} failed: HTTP {(int)outcome.Status} {outcome.Status} ({Attempts(outcome.Attempts)})");
            }
        }).ConfigureAwait(false);
        return cards;
    }

    private async Task<Attempt<Page>> ExecuteAsync(ResiliencePipeline<Attempt<Page>> pipeline, CrawlOptions options, Uri url, RunCounters run, Func<HttpResponseMessage, byte[], Page> interpret, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(UrlKey, url);
        var attempts = 0;
        try
        {
            var outcome = await pipeline.ExecuteAsync(async ctx =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (options.Token is { Length: > 0 } token && SameOrigin(url, options.Endpoint))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return new Attempt<Page>(response.StatusCode, null, RetryAfter(response));
                }
                var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
                return new Attempt<Page>(HttpStatusCode.OK, interpret(response, body), null);
            }, context).ConfigureAwait(false);
            return outcome with { Attempts = attempts };
        }
        catch (TimeoutRejectedException e)
        {
            throw new CrawlException($"GET {url} timed out: no complete response within {options.AttemptTimeout.TotalSeconds:0.###} s ({Attempts(attempts)})", e);
        }
        catch (InvalidPageException e)
        {
            throw new CrawlException($"GET {url} returned a page that is not a JSON array of models: {e.Message} ({Attempts(attempts)})", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new CrawlException($"GET {url} failed: {e.Message} ({Attempts(attempts)})", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static readonly ResiliencePropertyKey<Uri> UrlKey = new("kinship.url");

    private static ResiliencePipeline<Attempt<Page>> BuildPipeline(CrawlOptions options, RunCounters run) =>
        new ResiliencePipelineBuilder<Attempt<Page>>()
            .AddRetry(new RetryStrategyOptions<Attempt<Page>>
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 0) is 0 ? 1 : options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args =>
                {
                    if (args.Outcome.Result is { Status: HttpStatusCode.TooManyRequests, RetryAfter: { } wait })
                    {
                        return ValueTask.FromResult<TimeSpan?>(wait < options.MaxRetryAfter ? wait : options.MaxRetryAfter);
                    }
                    return ValueTask.FromResult<TimeSpan?>(null);
                },
                OnRetry = args =>
                {
                    var url = args.Context.Properties.GetValue(UrlKey, null!);
                    var reason = args.Outcome.Exception switch
                    {
                        TimeoutRejectedException => "timeout",
                        InvalidPageException bad => "bad page: " + bad.Message,
                        { } other => other.Message,
                        null => $"HTTP {(int)args.Outcome.Result.Status}",
                    };
                    run.AddRetry($"GET {url}: {reason}; retry {args.AttemptNumber + 1} of {options.MaxRetries} in {args.RetryDelay.TotalSeconds:0.###} s");
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    private static bool IsTransient(Outcome<Attempt<Page>> outcome) => outcome.Exception switch
    {
        null => outcome.Result.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)outcome.Result.Status >= 500,
        OperationCanceledException => false,
        TimeoutRejectedException or InvalidPageException or HttpRequestException or IOException => true,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static bool SameOrigin(Uri url, Uri endpoint) =>
        string.Equals(url.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
        && url.Port == endpoint.Port;

    private static Page ParsePage(HttpResponseMessage response, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            var what = body.Length == 0 ? "the body is empty" : $"{e.Message} ({body.Length} bytes received)";
            throw new InvalidPageException(what);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidPageException($"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an array");
        }
        var items = new List<PageItem>(root.GetArrayLength());
        var surrogates = Kinship.Files.JsonStrings.MayHoldSurrogateEscape(body);
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidPageException($"item {index} is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }
            if (surrogates && Kinship.Files.JsonStrings.FirstLoneSurrogate(item) is { } field)
            {
                throw new InvalidPageException($"item {index}: {field} holds a lone surrogate escape (such as \\ud800), which is not text");
            }
            items.Add(new PageItem(item, ModelId(item)));
            index++;
        }
        var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.FindNext(links, response.RequestMessage?.RequestUri ?? new Uri("http://invalid/")) : null;
        return new Page(items, next, null);
    }

    private static string? ModelId(JsonElement item)
    {
        if (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) return id.GetString();
        if (item.TryGetProperty("modelId", out var modelId) && modelId.ValueKind == JsonValueKind.String) return modelId.GetString();
        return null;
    }

    private sealed record PageItem(JsonElement Item, string? Id);

    private sealed record Page(IReadOnlyList<PageItem> Items, Uri? Next, string? Text);

    private readonly record struct Attempt<T>(HttpStatusCode Status, T? Value, TimeSpan? RetryAfter, int Attempts = 1);

    private sealed class InvalidPageException(string message) : Exception(message);

    private sealed class RunCounters(IProgress<CrawlProgress>? progress)
    {
        private readonly Lock gate = new();
        private long cards, missingCards, retries, duplicates;
        private string? lastRetry;

        public long Pages { get; set; }
        public long Models { get; set; }
        public long Cards => Interlocked.Read(ref cards);
        public long MissingCards => Interlocked.Read(ref missingCards);
        public long Retries => Interlocked.Read(ref retries);

        public void AddCard() => Interlocked.Increment(ref cards);
        public void AddMissingCard() => Interlocked.Increment(ref missingCards);
        public void AddDuplicate() => Interlocked.Increment(ref duplicates);
        public long Duplicates => Interlocked.Read(ref duplicates);

        public void AddRetry(string reason)
        {
            lock (gate)
            {
                retries++;
                lastRetry = reason;
            }
            Report();
        }

        public void Report()
        {
            CrawlProgress snapshot;
            lock (gate)
            {
                snapshot = new CrawlProgress(Pages, Models, Cards, MissingCards, retries, lastRetry);
            }
            progress?.Report(snapshot);
        }
    }
}
