using System.Text.Json;
using Kinship.Files;
using System.Text.Json.Serialization;

namespace Kinship.Lineage.Hub.Crawl;

/// <summary>The resume cursor of a crawl, stored beside the snapshot: everything up to <see cref="Bytes"/> is complete and <see cref="Next"/> is the page to fetch next.</summary>
/// <param name="Query">The first page's address: a checkpoint only resumes the same query.</param>
/// <param name="Cards">Whether items carry <c>cardText</c>.</param>
/// <param name="Next">The next page's address; null when the listing has no more pages.</param>
/// <param name="Skip">Items at the start of <paramref name="Next"/> already written (a model cap cut that page short).</param>
/// <param name="Models">Items written so far.</param>
/// <param name="Pages">Pages written so far.</param>
/// <param name="Bytes">Length of the snapshot after the last complete page; anything beyond is cut on resume.</param>
/// <param name="Complete">True once the crawl reached the end of the listing or its model cap.</param>
public sealed record CrawlCheckpoint(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("cards")] bool Cards,
    [property: JsonPropertyName("next")] string? Next,
    [property: JsonPropertyName("skip")] int Skip,
    [property: JsonPropertyName("models")] long Models,
    [property: JsonPropertyName("pages")] long Pages,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("complete")] bool Complete)
{
    /// <summary>The checkpoint of a crawl that has written nothing yet.</summary>
    public static CrawlCheckpoint Start(Uri firstPage, bool cards) => new(firstPage.AbsoluteUri, cards, firstPage.AbsoluteUri, 0, 0, 0, 0, false);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Reads a checkpoint; null when the file does not exist; <see cref="CrawlException"/> naming the file when it is unreadable.</summary>
    public static CrawlCheckpoint? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var checkpoint = JsonSerializer.Deserialize<CrawlCheckpoint>(File.ReadAllBytes(path), Json);
            if (checkpoint is null || string.IsNullOrEmpty(checkpoint.Query) || checkpoint.Bytes < 0 || checkpoint.Models < 0 || checkpoint.Skip < 0)
            {
                throw new CrawlException($"{path}: not a crawl checkpoint (missing query or negative counts)");
            }
            return checkpoint;
        }
        catch (JsonException e)
        {
            throw new CrawlException($"{path}: not a crawl checkpoint ({e.Message})", e);
        }
    }

    /// <summary>Writes the checkpoint atomically (temp file, flushed to disk, then renamed over the old one).</summary>
    public void Save(string path)
    {
        using var file = AtomicFile.Create(path);
        JsonSerializer.Serialize(file.Stream, this, Json);
        file.Commit();
    }
}
