using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests;

public sealed class LineageGraphTests
{
    [Fact]
    public void Build_drops_self_loops_and_duplicate_pairs_and_keeps_both_directions()
    {
        string[] ids = ["a", "b", "c", "d"];
        GraphEdge[] edges =
        [
            new(0, 2, Relation.Finetune),
            new(0, 1, Relation.Adapter),
            new(0, 1, Relation.Unknown), // duplicate pair: first relation seen is kept
            new(3, 3, Relation.Finetune), // self-loop: never an edge
            new(1, 2, Relation.Merge),
        ];

        var graph = LineageGraph.Build(ids, edges);

        Assert.Equal(4, graph.NodeCount);
        Assert.Equal(3, graph.EdgeCount);
        Assert.Equal([1, 2], graph.Children(0).ToArray());
        Assert.Equal([Relation.Adapter, Relation.Finetune], graph.ChildRelations(0).ToArray());
        Assert.Equal([0, 1], graph.Parents(2).ToArray());
        Assert.Equal([Relation.Finetune, Relation.Merge], graph.ParentRelations(2).ToArray());
        Assert.Equal(0, graph.OutDegree(3));
        Assert.Equal(0, graph.InDegree(3));
        Assert.Equal(2, graph.IndexOf("c"));
        Assert.Equal(-1, graph.IndexOf("missing"));
    }

    [Fact]
    public void Where_keeps_only_matching_relations()
    {
        var graph = LineageGraph.Build(["p", "x", "y"], [new(0, 1, Relation.Merge), new(0, 2, Relation.Finetune), new(1, 2, Relation.Merge)]);

        var noMerge = graph.Where(r => r != Relation.Merge);

        Assert.Equal(1, noMerge.EdgeCount);
        Assert.Equal([2], noMerge.Children(0).ToArray());
        Assert.Equal([0], noMerge.Parents(2).ToArray());
    }
}
