using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Genealogy;

public sealed class GenealogyLoaderTests
{
    [Fact]
    public void Loader_keeps_dangling_references_queryable_and_never_makes_self_edges()
    {
        using var catalog = ZooCatalog.Create();

        var load = GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken);
        var snapshot = load.Snapshot;

        var graph = snapshot.Graph;
        Assert.Equal(12, graph.EdgeCount);
        Assert.Equal(
            [new DanglingReference(graph.IndexOf("d/orphan"), "gone/base", Relation.Finetune), new DanglingReference(graph.IndexOf("m/merge1"), "missing/x", Relation.Merge)],
            snapshot.Dangling.ToArray());
        Assert.Equal([new DanglingReference(graph.IndexOf("m/merge1"), "missing/x", Relation.Merge)], snapshot.DanglingOf(graph.IndexOf("m/merge1")).ToArray());
        Assert.Equal([graph.IndexOf("s/self")], snapshot.SelfReferencing.ToArray());
        Assert.Equal(0, graph.InDegree(graph.IndexOf("s/self")));
        Assert.Equal([graph.IndexOf("m/merge1"), graph.IndexOf("t/m")], snapshot.MultiParent.ToArray());
        Assert.Equal((0, 0, 0), (load.DuplicateModelRows, load.UnknownChildRows, load.UnrecognisedRelationRows));
    }

    [Fact]
    public void Node_indices_follow_ordinal_id_order()
    {
        using var catalog = ZooCatalog.Create();

        var graph = GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken).Snapshot.Graph;

        Assert.Equal(graph.Ids.Order(StringComparer.Ordinal), graph.Ids);
        Assert.Equal("a/ft1", graph.IdOf(0));
    }

    [Fact]
    public void Node_indices_are_utf16_ordinal_order_where_utf8_byte_order_differs()
    {
        // U+1F600 is a surrogate pair in UTF-16 (0xD83D 0xDE00 < 0xFF21) but a larger code point than U+FF21 (so
        // DuckDB's UTF-8 byte order puts it after): ordinal order is "e/😀" < "e/Ａ" < "e/￿", DuckDB's is the reverse
        // for the first two. Both are roots of two-model families of equal size, so the tie goes to the emoji.
        using var catalog = new TestCatalog();
        catalog.Model("e/\uFF21").Model("e/\U0001F600").Model("e/\uFFFF").Model("k/1").Model("k/2").Model("a/x");
        catalog.Parent("k/1", "e/\uFF21", "finetune").Parent("k/2", "e/\U0001F600", "finetune").Parent("a/x", "e/\uFFFF", "adapter");

        var snapshot = GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken).Snapshot;
        var statistics = GenealogyStatisticsCalculator.Compute(snapshot, TestContext.Current.CancellationToken);

        Assert.Equal(["a/x", "e/\U0001F600", "e/\uFF21", "e/\uFFFF", "k/1", "k/2"], snapshot.Graph.Ids);
        Assert.Equal(snapshot.Graph.Ids.Order(StringComparer.Ordinal), snapshot.Graph.Ids);
        Assert.Equal(["e/\U0001F600", "e/\uFF21", "e/\uFFFF"], statistics.LargestFamilies.Select(f => f.Root));
        Assert.Equal(["e/\U0001F600", "e/\uFF21", "e/\uFFFF"], statistics.TopParents.Select(p => p.Id));
        Assert.Equal(4, snapshot.Graph.IndexOf("k/1"));
        Assert.Equal([2], snapshot.Graph.Parents(4).ToArray());
    }

    [Fact]
    public void Catalog_defects_are_counted_not_silently_dropped()
    {
        using var catalog = new TestCatalog();
        catalog.Model("x/a").Model("x/a").Model("x/b");
        catalog.Parent("x/b", "x/a", "distilled").Parent("ghost/child", "x/a", "finetune");

        var load = GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken);

        Assert.Equal(1, load.DuplicateModelRows);
        Assert.Equal(1, load.UnknownChildRows);
        Assert.Equal(1, load.UnrecognisedRelationRows);
        Assert.Equal(2, load.Snapshot.Graph.NodeCount);
        Assert.Equal([Relation.Unknown], load.Snapshot.Graph.ParentRelations(1).ToArray());
    }

    [Fact]
    public void A_repeated_model_id_does_not_repeat_its_declared_parents()
    {
        // The loader joins parents to models by id in DuckDB: a repeated child and a repeated parent multiply the join's
        // rows (2 x 2 for the edge, 2 for the dangling pair); each parents row must still count once.
        using var catalog = new TestCatalog();
        catalog.Model("x/a").Model("x/a").Model("x/b").Model("x/b");
        catalog.Parent("x/b", "x/a", "finetune").Parent("x/b", "gone/p", "adapter");

        var load = GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken);
        var snapshot = load.Snapshot;

        Assert.Equal((2, 0, 0), (load.DuplicateModelRows, load.UnknownChildRows, load.UnrecognisedRelationRows));
        Assert.Equal(["x/a", "x/b"], snapshot.Graph.Ids);
        Assert.Equal([new GraphEdge(0, 1, Relation.Finetune)], snapshot.Graph.Edges());
        Assert.Equal([new DanglingReference(1, "gone/p", Relation.Adapter)], snapshot.Dangling.ToArray());
        Assert.Equal([1], snapshot.MultiParent.ToArray());
    }

    [Fact]
    public void A_missing_catalog_file_is_one_clear_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".duckdb");

        var error = Assert.Throws<CatalogReadException>(() => GenealogyLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("lineage import", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_the_catalog_tables_is_reported_as_not_a_catalog()
    {
        using var catalog = new TestCatalog();
        catalog.Execute("DROP TABLE parents");

        var error = Assert.Throws<CatalogReadException>(() => GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken));

        Assert.Contains(catalog.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_chains_do_not_overflow_the_stack()
    {
        // 300,000 models in one chain: recursive Tarjan or DFS would overflow long before this.
        const int n = 300_000;
        var ids = Enumerable.Range(0, n).Select(i => $"m/{i:D6}").ToArray();
        var edges = Enumerable.Range(1, n - 1).Select(i => new GraphEdge(i - 1, i, Relation.Finetune)).Append(new GraphEdge(n - 1, 0, Relation.Finetune)).ToArray();
        var graph = LineageGraph.Build(ids, edges);

        var strong = StrongComponents.Compute(graph);
        var acyclic = GenealogyAnalysis.Run(LineageGraph.Build(ids, edges[..^1]), TestContext.Current.CancellationToken);

        Assert.Equal([n], strong.Sizes);
        Assert.Equal(n - 1, acyclic.Generation[n - 1]);
        Assert.Equal(n - 1, acyclic.FamilyMaxDepth[0]);
    }
}
