using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Genealogy;

public sealed class LineageTreeTests
{
    private static GenealogySnapshot Zoo(TestCatalog catalog, GraphVariant variant = GraphVariant.All) =>
        GenealogyLoader.Load(catalog.Connection, catalog.Path, TestContext.Current.CancellationToken).Snapshot.WithVariant(variant);

    private static string Outline(LineageTreeNode node)
    {
        var lines = new List<string>();
        var stack = new Stack<(LineageTreeNode Node, int Depth)>();
        stack.Push((node, 0));
        while (stack.Count > 0)
        {
            var (n, depth) = stack.Pop();
            var flags = (n.External ? " external" : "") + (n.Repeated ? " repeated" : "") + (n.HiddenBelow > 0 ? $" hidden={n.HiddenBelow}" : "");
            lines.Add($"{new string(' ', depth * 2)}{(n.Relation is { } r ? r.Name() + " " : "")}{n.Id}{flags}");
            for (var i = n.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((n.Children[i], depth + 1));
            }
        }
        return string.Join("\n", lines);
    }

    [Fact]
    public void Ancestor_tree_shows_dangling_parents_as_external_placeholders_on_request()
    {
        using var catalog = ZooCatalog.Create();
        var snapshot = Zoo(catalog);
        var node = snapshot.Graph.IndexOf("m/merge1");

        var with = LineageTreeBuilder.Build(snapshot, node, up: true, down: false, int.MaxValue, includeExternal: true);
        var without = LineageTreeBuilder.Build(snapshot, node, up: true, down: false, int.MaxValue, includeExternal: false);

        Assert.Null(with.Descendants);
        Assert.Equal("""
            m/merge1
              merge a/ft2
                finetune base/a
              merge b/ad1
                adapter base/b
              merge missing/x external
            """.ReplaceLineEndings("\n"), Outline(with.Ancestors!));
        Assert.DoesNotContain("missing/x", Outline(without.Ancestors!), StringComparison.Ordinal);
        Assert.Equal(["a/ft2", "b/ad1", "base/a", "base/b", "m/merge1"], with.ModelIds().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Descendant_tree_stops_at_the_depth_limit_and_counts_what_it_hides()
    {
        using var catalog = ZooCatalog.Create();
        var snapshot = Zoo(catalog);

        var tree = LineageTreeBuilder.Build(snapshot, snapshot.Graph.IndexOf("base/a"), up: false, down: true, maxDepth: 1, includeExternal: false);

        Assert.Equal("""
            base/a
              finetune a/ft1 hidden=1
              finetune a/ft2 hidden=1
            """.ReplaceLineEndings("\n"), Outline(tree.Descendants!));
    }

    [Fact]
    public void A_cycle_is_shown_once_and_marked_repeated_instead_of_looping()
    {
        using var catalog = ZooCatalog.Create();
        var snapshot = Zoo(catalog);

        var tree = LineageTreeBuilder.Build(snapshot, snapshot.Graph.IndexOf("c/one"), up: true, down: true, int.MaxValue, includeExternal: false);

        Assert.Equal("""
            c/one
              finetune c/two
                finetune c/one repeated
            """.ReplaceLineEndings("\n"), Outline(tree.Ancestors!));
        Assert.Equal("""
            c/one
              finetune c/two
                finetune c/one repeated
                finetune c/three
            """.ReplaceLineEndings("\n"), Outline(tree.Descendants!));
    }

    [Fact]
    public void Tree_json_carries_relation_licenses_and_downloads()
    {
        using var catalog = ZooCatalog.Create();
        var snapshot = Zoo(catalog);
        var tree = LineageTreeBuilder.Build(snapshot, snapshot.Graph.IndexOf("a/q1"), up: true, down: false, int.MaxValue, includeExternal: false);
        var details = GenealogyLoader.LoadDetails(catalog.Connection, tree.ModelIds());

        using var json = System.Text.Json.JsonDocument.Parse(LineageTreeJson.Serialize(tree, details));

        var root = json.RootElement;
        Assert.Equal("a/q1", root.GetProperty("model").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("descendants").ValueKind);
        var parent = root.GetProperty("ancestors").GetProperty("children")[0];
        Assert.Equal("a/ft1", parent.GetProperty("id").GetString());
        Assert.Equal("quantized", parent.GetProperty("relation").GetString());
        Assert.Equal(["apache-2.0"], parent.GetProperty("licenses").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(50, parent.GetProperty("downloads").GetInt64());
        Assert.Equal(Relation.Finetune.Name(), parent.GetProperty("children")[0].GetProperty("relation").GetString());
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero), details["base/a"].CreatedAt);
    }
}
