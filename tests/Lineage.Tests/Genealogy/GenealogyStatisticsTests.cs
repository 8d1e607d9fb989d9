using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Tests.Genealogy;

public sealed class GenealogyStatisticsTests
{
    private static GenealogyStatistics Stats(TestCatalog catalog, GraphVariant variant)
    {
        var load = GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken);
        return GenealogyStatisticsCalculator.Compute(load.Snapshot.WithVariant(variant), TestContext.Current.CancellationToken);
    }

    private static string[][] Chains(GenealogyStatistics s) => [.. s.LongestChains.Select(c => c.ToArray())];

    [Fact]
    public void Zoo_all_variant_has_exact_statistics()
    {
        using var catalog = ZooCatalog.Create();

        var s = Stats(catalog, GraphVariant.All);

        Assert.Equal(17, s.Models);
        Assert.Equal(new EdgeCounts(Finetune: 5, Adapter: 1, Quantized: 1, Merge: 4, Unknown: 1), s.Edges);
        Assert.Equal(2, s.DanglingEdges);
        Assert.Equal(2, s.DanglingParents);
        Assert.Equal(1, s.SelfReferences);
        Assert.Equal(2, s.MultiParentModels);
        Assert.Equal(10, s.ModelsWithParents);
        Assert.Equal(6, s.Families);
        Assert.Equal(
            [new("base/a", 8, 2), new("c/one", 3, 1), new("t/y", 3, 1), new("d/orphan", 1, 0), new("lone/x", 1, 0), new("s/self", 1, 0)],
            s.LargestFamilies);
        Assert.Equal(
            [new("base/a", 2), new("base/b", 2), new("c/two", 2), new("a/ft1", 1), new("a/ft2", 1), new("b/ad1", 1), new("c/one", 1), new("t/y", 1), new("t/z", 1)],
            s.TopParents);
        Assert.Equal(1, s.Cycles);
        Assert.Equal(2, s.ModelsInCycles);
        Assert.Equal([9, 6, 2], s.Generations);
        Assert.Equal(
            [["base/a", "a/ft1", "a/q1"], ["base/a", "a/ft2", "m/merge1"], ["c/two", "c/three"], ["t/y", "t/m"], ["base/b", "u/unk"]],
            Chains(s));
        Assert.Equal([new(1, 1, 3), new(2, 3, 2), new(4, 7, 0), new(8, 15, 1)], s.FamilySizeHistogram);
    }

    [Fact]
    public void Growth_is_cumulative_by_utc_month_and_counts_undated_models_apart()
    {
        using var catalog = ZooCatalog.Create();

        var s = Stats(catalog, GraphVariant.All);

        var baseA = s.Growth[0];
        Assert.Equal("base/a", baseA.Root);
        Assert.Equal([new("2023-12", 1), new("2024-01", 3), new("2024-03", 7)], baseA.Months);
        Assert.Equal(1, baseA.Undated);
        Assert.Equal(s.LargestFamilies.Select(f => f.Root), s.Growth.Select(g => g.Root));
        Assert.Empty(s.Growth[1].Months);
        Assert.Equal(3, s.Growth[1].Undated);
    }

    [Fact]
    public void No_merge_variant_drops_merge_edges_and_their_dangling_references()
    {
        using var catalog = ZooCatalog.Create();

        var s = Stats(catalog, GraphVariant.NoMerge);

        Assert.Equal(new EdgeCounts(5, 1, 1, 0, 1), s.Edges);
        Assert.Equal(1, s.DanglingEdges); // d/orphan -> gone/base; m/merge1 -> missing/x was a merge
        Assert.Equal(1, s.SelfReferences);
        Assert.Equal(2, s.MultiParentModels); // declaration facts do not depend on the variant
        Assert.Equal(10, s.Families);
        Assert.Equal(
            [new("base/a", 4, 2), new("base/b", 3, 1), new("c/one", 3, 1), new("d/orphan", 1, 0), new("lone/x", 1, 0),
             new("m/merge1", 1, 0), new("s/self", 1, 0), new("t/m", 1, 0), new("t/y", 1, 0), new("t/z", 1, 0)],
            s.LargestFamilies);
        Assert.Equal([11, 5, 1], s.Generations);
        Assert.Equal([["base/a", "a/ft1", "a/q1"], ["base/a", "a/ft2"], ["base/b", "b/ad1"], ["c/two", "c/three"], ["base/b", "u/unk"]], Chains(s));
    }

    [Fact]
    public void Finetune_variants_keep_only_their_relations_and_drop_unknown()
    {
        using var catalog = ZooCatalog.Create();

        var finetune = Stats(catalog, GraphVariant.Finetune);
        var finetuneAdapter = Stats(catalog, GraphVariant.FinetuneAdapter);

        Assert.Equal(new EdgeCounts(5, 0, 0, 0, 0), finetune.Edges);
        Assert.Equal(13, finetune.Families);
        Assert.Equal(1, finetune.DanglingEdges);
        Assert.Equal(new EdgeCounts(5, 1, 0, 0, 0), finetuneAdapter.Edges);
        Assert.Equal(12, finetuneAdapter.Families);
        Assert.Equal([new("base/a", 2), new("c/two", 2), new("base/b", 1), new("c/one", 1)], finetuneAdapter.TopParents);
    }

    [Fact]
    public void Empty_catalog_has_zero_counts_and_empty_lists()
    {
        using var catalog = new TestCatalog();

        var s = Stats(catalog, GraphVariant.All);

        Assert.Equal(0, s.Models);
        Assert.Equal(0, s.Edges.Total);
        Assert.Equal(0, s.Families);
        Assert.Empty(s.LargestFamilies);
        Assert.Empty(s.TopParents);
        Assert.Empty(s.Generations);
        Assert.Empty(s.LongestChains);
        Assert.Empty(s.FamilySizeHistogram);
        Assert.Empty(s.Growth);
    }

    [Fact]
    public void Models_without_edges_are_families_of_one_and_are_not_chains()
    {
        using var catalog = new TestCatalog();
        catalog.Model("x/3").Model("x/1").Model("x/2");

        var s = Stats(catalog, GraphVariant.All);

        Assert.Equal(3, s.Families);
        Assert.Equal([new("x/1", 1, 0), new("x/2", 1, 0), new("x/3", 1, 0)], s.LargestFamilies);
        Assert.Equal([3], s.Generations);
        Assert.Empty(s.LongestChains);
        Assert.Empty(s.TopParents);
    }

    [Fact]
    public void Root_is_the_parentless_model_with_most_descendants_not_the_smallest_id()
    {
        using var catalog = new TestCatalog();
        // a/small has one descendant; z/big has three (one shared through a merge).
        catalog.Model("a/small").Model("z/big").Model("k/1").Model("k/2").Model("k/m");
        catalog.Parent("k/1", "z/big", "finetune").Parent("k/2", "z/big", "finetune")
            .Parent("k/m", "k/1", "merge").Parent("k/m", "a/small", "merge");

        var s = Stats(catalog, GraphVariant.All);

        Assert.Equal([new FamilySummary("z/big", 5, 2)], s.LargestFamilies);
        Assert.Equal([["z/big", "k/1", "k/m"], ["z/big", "k/2"]], Chains(s));
    }

    [Fact]
    public void Chain_through_a_cycle_walks_inside_it_so_every_step_is_an_edge()
    {
        using var catalog = new TestCatalog();
        // r -> p ; p <-> q ; q -> leaf. The cycle {p, q} is generation 1; leaf is generation 2 but enters at q.
        catalog.Model("r").Model("p").Model("q").Model("leaf");
        catalog.Parent("p", "r", "finetune").Parent("q", "p", "finetune").Parent("p", "q", "finetune").Parent("leaf", "q", "finetune");

        var s = Stats(catalog, GraphVariant.All);

        Assert.Equal(1, s.Cycles);
        Assert.Equal([1, 2, 1], s.Generations);
        Assert.Equal([["r", "p", "q", "leaf"]], Chains(s));
        Assert.Equal([new FamilySummary("r", 4, 2)], s.LargestFamilies);
    }

    [Fact]
    public void A_family_that_is_only_a_cycle_is_rooted_at_its_smallest_member()
    {
        using var catalog = new TestCatalog();
        catalog.Model("m/b").Model("m/a");
        catalog.Parent("m/a", "m/b", "finetune").Parent("m/b", "m/a", "finetune");

        var s = Stats(catalog, GraphVariant.All);

        Assert.Equal([new FamilySummary("m/a", 2, 0)], s.LargestFamilies);
        Assert.Equal([2], s.Generations);
        Assert.Empty(s.LongestChains); // no model without children
    }
}
