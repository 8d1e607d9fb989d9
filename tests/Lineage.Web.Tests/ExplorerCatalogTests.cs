using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// The explorer loads traits through the library's one reader (<see cref="CatalogTraits"/>): the same trait columns as a
/// full read, cards only where a license is <c>other</c> (where the compliance rules look), and downloads.
/// </summary>
public sealed class ExplorerCatalogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kinship-explorer-catalog-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Catalog()
    {
        Directory.CreateDirectory(_folder);
        var source = Path.Combine(_folder, "hub.jsonl");
        File.WriteAllLines(source,
        [
            """{"id": "o/base", "tags": ["license:llama3", "en"], "pipeline_tag": "text-generation", "library_name": "transformers", "downloads": 1200, "card": "---\nlicense: llama3\n---\n# Base\nA base model."}""",
            """{"id": "o/other", "tags": ["license:other", "base_model:finetune:o/base", "fr"], "downloads": 7, "card": "---\nlicense: other\nlicense_name: llama3\n---\n# Other"}""",
            """{"id": "o/plain", "tags": ["license:apache-2.0", "base_model:o/base"], "card": "---\nlicense: apache-2.0\n---\n# Plain"}""",
        ]);
        var path = Path.Combine(_folder, "lineage.duckdb");
        new CatalogImporter(path).Import([new ImportSource(source)], cancellationToken: TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public void Explorer_traits_equal_a_full_read_with_cards_kept_only_where_a_license_is_other()
    {
        var path = Catalog();
        var explorer = ExplorerCatalog.Open(path, TestContext.Current.CancellationToken);
        var graph = explorer.Graph;
        NodeTraits full;
        using (var connection = GenealogyLoader.OpenReadOnly(path))
        {
            full = CatalogTraits.Load(connection, graph, cancellationToken: TestContext.Current.CancellationToken);
        }
        int Node(string id) => graph.IndexOf(id);

        foreach (var trait in (Trait[])[Trait.License, Trait.Language, Trait.Task, Trait.Library])
        {
            Assert.All(Enumerable.Range(0, graph.NodeCount), n => Assert.Equal(full.Column(trait).ValuesOf(n), explorer.Traits.Column(trait).ValuesOf(n)));
        }
        Assert.Equal(["other"], explorer.Traits.Licenses.ValuesOf(Node("o/other")));
        Assert.Equal(["English"], explorer.Traits.Languages.ValuesOf(Node("o/base")));
        Assert.True(full.Cards[Node("o/base")].HasCard);
        Assert.False(explorer.Traits.Cards[Node("o/base")].HasCard);
        Assert.False(explorer.Traits.Cards[Node("o/plain")].HasCard);
        Assert.True(explorer.Traits.Cards[Node("o/other")].HasCard);
        Assert.Equal("llama3", explorer.Traits.LicenseReference(Node("o/other")).Name);
        Assert.Equal(1200, explorer.Downloads[Node("o/base")]);
        Assert.Equal(7, explorer.Downloads[Node("o/other")]);
        Assert.Equal(-1, explorer.Downloads[Node("o/plain")]);
    }

    [Fact]
    public void CardReading_None_reads_no_card_and_a_downloads_span_of_the_wrong_size_is_refused()
    {
        var path = Catalog();
        var explorer = ExplorerCatalog.Open(path, TestContext.Current.CancellationToken);
        using var connection = GenealogyLoader.OpenReadOnly(path);

        var none = CatalogTraits.Load(connection, explorer.Graph, CardReading.None, [], TestContext.Current.CancellationToken);

        Assert.All(Enumerable.Range(0, explorer.Graph.NodeCount), n => Assert.False(none.Cards[n].HasCard));
        Assert.Equal(["llama3"], none.Licenses.ValuesOf(explorer.Graph.IndexOf("o/base")));
        var wrong = Assert.Throws<ArgumentException>(() => CatalogTraits.Load(connection, explorer.Graph, CardReading.All, new long[2], TestContext.Current.CancellationToken));
        Assert.StartsWith("downloads has 2 slots, the graph 3 nodes", wrong.Message, StringComparison.Ordinal);
    }
}
