using Kinship.Lineage.Hub;
using Kinship.Lineage.Hub.Crawl;

namespace Kinship.Lineage.Tests.Hub.Crawl;

/// <summary>A crawl snapshot is what the listing reader (the catalog's input) expects, cards included.</summary>
public sealed class CrawlSnapshotReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kinship-crawl-read-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_crawled_snapshot_reads_back_as_model_records_with_parents_and_cards()
    {
        var cards = new Dictionary<string, string> { ["org1/model-01"] = "---\nlicense: llama3.1\n---\n# model-01\n" };
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems(9), cards);
        var options = new CrawlOptions { OutputPath = Path.Combine(folder, "hub.jsonl"), Endpoint = hub.Endpoint, PageSize = 4, Cards = true };
        await new HubCrawler(new HttpClient()).CrawlAsync(options, cancellationToken: TestContext.Current.CancellationToken);

        var records = ModelSource.Read(options.OutputPath, ModelSource.ResolveFormat(options.OutputPath, null)).Select(item => item.Record!).ToList();

        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"org{i % 4}/model-{i:D2}"), records.Select(r => r.Id));
        Assert.Equal([null, Relation.Finetune, Relation.Adapter, null, Relation.Finetune, Relation.Adapter, null, Relation.Finetune, Relation.Adapter],
            records.Select(r => r.Parents.Count == 0 ? (Relation?)null : r.Parents.Single().Relation));
        Assert.All(records.Where(r => r.Parents.Count > 0), r => Assert.Equal("meta-llama/Llama-3.1-8B", r.Parents[0].Parent));
        Assert.Equal(cards["org1/model-01"], records[1].Card);
        Assert.All(records.Where(r => r.Id != "org1/model-01"), r => Assert.Null(r.Card));
    }
}
