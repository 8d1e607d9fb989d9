using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Tests.Catalog;

namespace Kinship.Lineage.Tests.Genealogy;

public sealed class ParentSelectionTests
{
    [Fact]
    public void Tags_only_parents_drop_the_one_edge_the_real_family_declares_only_in_cardData()
    {
        // The Mistral-Small family: 67 declared pairs with the parent present, 66 from tags and card, and one
        // (ConicCat/MistralSmallV3R -> the base model) that only cardData.base_model names.
        var path = SharedData.RequireFile("data/hub/mistral-small-24b-base-tree-2025-04-05.csv");
        using var catalog = new TempCatalog();
        catalog.Import(path);

        var union = GenealogyLoader.Load(catalog.Path_, ParentSelection.Union, TestContext.Current.CancellationToken);
        var tags = GenealogyLoader.Load(catalog.Path_, ParentSelection.Tags, TestContext.Current.CancellationToken);

        Assert.Equal(67, union.Snapshot.Graph.EdgeCount);
        Assert.Equal(66, tags.Snapshot.Graph.EdgeCount);
        Assert.Equal((ParentSelection.Union, 1), (union.Parents, union.CardOnlyEdges));
        Assert.Equal((ParentSelection.Tags, 1), (tags.Parents, tags.CardOnlyEdges));
        // ConicCat's tags name another parent; only its card also names the base model.
        bool HasEdge(GenealogyLoad load, string parent, string child) =>
            load.Snapshot.Graph.Parents(load.Snapshot.Graph.IndexOf(child)).Contains(load.Snapshot.Graph.IndexOf(parent));
        const string Base = "mistralai/Mistral-Small-24B-Base-2501", Conic = "ConicCat/MistralSmallV3R";
        Assert.True(HasEdge(union, Base, Conic));
        Assert.False(HasEdge(tags, Base, Conic));
    }
}
