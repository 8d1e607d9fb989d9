using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Drift;

public sealed class TransitionEdgesTests
{
    [Fact]
    public void A_switch_carries_two_transitions_an_addition_or_a_drop_one_and_a_kept_value_none()
    {
        // p {mit} → a {apache-2.0}: switch (added and dropped, 2); p → b {mit, apache-2.0}: added only (1);
        // q {mit, apache-2.0} → c {apache-2.0}: dropped only (1); q → d {mit, apache-2.0}: nothing changes (0).
        var graph = LineageGraph.Build(["p", "q", "a", "b", "c", "d"],
            [new(0, 2, Relation.Finetune), new(0, 3, Relation.Adapter), new(1, 4, Relation.Merge), new(1, 5, Relation.Quantized)]);
        var traits = DriftGraphs.Traits([
            new TraitRecord { Licenses = ["mit"] }, new TraitRecord { Licenses = ["mit", "apache-2.0"] },
            new TraitRecord { Licenses = ["apache-2.0"] }, new TraitRecord { Licenses = ["MIT", "apache-2.0"] },
            new TraitRecord { Licenses = ["apache-2.0"] }, new TraitRecord { Licenses = ["mit", "apache-2.0"] }]);
        var column = traits.Licenses;

        var edges = TransitionEdges.Find(graph, column, column.IdOf("mit"), column.IdOf("apache-2.0"));

        Assert.Equal([new TransitionEdge(0, 2, Relation.Finetune, 2), new TransitionEdge(0, 3, Relation.Adapter, 1), new TransitionEdge(1, 4, Relation.Merge, 1)], edges);
        Assert.Equal(4, TransitionCounts.Count(graph, column).Get("mit", "apache-2.0"));
        Assert.Empty(TransitionEdges.Find(graph, column, column.IdOf("apache-2.0"), column.IdOf("mit")));
        Assert.Empty(TransitionEdges.Find(graph, column, column.IdOf("mit"), column.IdOf("mit")));
        Assert.Empty(TransitionEdges.Find(graph, column, -1, column.IdOf("mit")));
    }
}
