using System.Text.Json;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Drift;

public sealed class DirectionalDriftTests
{
    [Fact]
    public void Single_label_switch_is_counted_twice_as_the_study_did()
    {
        var graph = LineageGraph.Build(["p", "c"], [new(0, 1, Relation.Finetune)]);
        var traits = DriftGraphs.Traits([new TraitRecord { Task = "fill-mask" }, new TraitRecord { Task = "text-classification" }]);

        var counts = TransitionCounts.Count(graph, traits.Tasks);

        Assert.Equal(2, counts.Get("fill-mask", "text-classification"));
        Assert.Equal(0, counts.Get("text-classification", "fill-mask"));
        Assert.Equal(2, counts.Total);
    }

    [Fact]
    public void Added_traits_come_from_every_parent_trait_and_dropped_traits_go_to_every_child_trait()
    {
        // Parent {en, fr}, child {en, de}: de added (en→de, fr→de); fr dropped (fr→en, fr→de).
        var graph = LineageGraph.Build(["p", "c"], [new(0, 1, Relation.Finetune)]);
        var traits = DriftGraphs.Traits([new TraitRecord { Languages = ["en", "fr"] }, new TraitRecord { Languages = ["en", "de"] }]);

        var counts = TransitionCounts.Count(graph, traits.Languages);

        Assert.Equal(1, counts.Get("English", "German"));
        Assert.Equal(2, counts.Get("French", "German"));
        Assert.Equal(1, counts.Get("French", "English"));
        Assert.Equal(0, counts.Get("English", "French"));
        Assert.Equal(3, counts.PairCount);
        Assert.Equal(4, counts.Total);
    }

    [Fact]
    public void License_cycle_transitions_are_counted_exactly()
    {
        var (graph, traits) = DriftGraphs.LicenseCycle();

        var counts = TransitionCounts.Count(graph, traits.Licenses);

        Assert.Equal(3, counts.Get("apache-2.0", "mit"));
        Assert.Equal(0, counts.Get("mit", "apache-2.0"));
        Assert.Equal(4, counts.Get("mit", "llama3"));
        Assert.Equal(2, counts.Get("llama3", "mit"));
        Assert.Equal(2, counts.Get("apache-2.0", "llama3"));
        Assert.Equal(4, counts.Get("llama3", "apache-2.0"));
        Assert.Equal(15, counts.Total);
    }

    [Fact]
    public void Drift_ordering_breaks_the_lightest_arc_of_a_cycle_and_ties_favour_the_more_common_trait()
    {
        // Oriented: apache→mit 3, mit→llama3 2, llama3→apache 2. Dropping either weight-2 arc is optimal (value 5);
        // [apache, mit, llama3] and [llama3, apache, mit] tie, and apache-2.0 (4 models) outranks llama3 (1 model).
        var (graph, traits) = DriftGraphs.LicenseCycle();

        var drift = DirectionalDrift.Analyze(graph, traits.Licenses);

        Assert.Equal(["apache-2.0", "mit", "llama3"], drift.Ordering);
        Assert.Equal(2, drift.OrientedCompatible);
        Assert.Equal(3, drift.OrientedTotal);
        Assert.Equal(9, drift.TransitionsForward);
        Assert.Equal(15, drift.TransitionsTotal);
        Assert.Equal(5, drift.TrafficForward);
        Assert.Equal(7, drift.TrafficTotal);
        Assert.Equal([new DriftGraphNode("apache-2.0", 0, 4), new DriftGraphNode("mit", 1, 3), new DriftGraphNode("llama3", 2, 1)], drift.Graph.Nodes);
        Assert.Equal(
        [
            new DriftGraphEdge("apache-2.0", "mit", 3, 3, 0, true),
            new DriftGraphEdge("llama3", "apache-2.0", 2, 4, 2, false),
            new DriftGraphEdge("mit", "llama3", 2, 4, 2, true),
        ], drift.Graph.Edges);
    }

    [Fact]
    public void Placeholders_and_balanced_traits_are_not_ranked()
    {
        // other↔mit traffic is one-sided but "other" is a placeholder; gpl-3.0↔mit is balanced (net 0).
        var graph = LineageGraph.Build(["a", "b", "c", "d", "e", "f"],
            [new(0, 1, Relation.Finetune), new(2, 3, Relation.Finetune), new(3, 4, Relation.Finetune), new(1, 5, Relation.Finetune)]);
        var traits = DriftGraphs.Traits(
        [
            new TraitRecord { Licenses = ["other"] }, new TraitRecord { Licenses = ["mit"] },
            new TraitRecord { Licenses = ["gpl-3.0"] }, new TraitRecord { Licenses = ["mit"] }, new TraitRecord { Licenses = ["gpl-3.0"] },
            new TraitRecord { Licenses = ["apache-2.0"] },
        ]);

        var drift = DirectionalDrift.Analyze(graph, traits.Licenses);

        Assert.Equal(["mit", "apache-2.0"], drift.Ordering);
        Assert.Equal(1, drift.OrientedCompatible);
        Assert.Equal(1, drift.OrientedTotal);
        Assert.Equal(2, drift.TransitionsForward);
        Assert.Equal(2, drift.TransitionsTotal);
    }

    [Fact]
    public void Top_n_keeps_the_most_carried_traits()
    {
        var (graph, traits) = DriftGraphs.LicenseCycle();

        var drift = DirectionalDrift.Analyze(graph, traits.Licenses, topN: 2);

        Assert.Equal(["apache-2.0", "mit"], drift.Ordering);
        Assert.Equal(1, drift.OrientedTotal);
        Assert.Equal(3, drift.TransitionsTotal);
    }

    [Fact]
    public void Drift_without_transitions_is_empty()
    {
        var graph = LineageGraph.Build(["a", "b"], [new(0, 1, Relation.Finetune)]);
        var traits = DriftGraphs.Traits([new TraitRecord { Task = "x" }, new TraitRecord { Task = "x" }]);

        var drift = DirectionalDrift.Analyze(graph, traits.Tasks);

        Assert.Empty(drift.Ordering);
        Assert.Equal(0, drift.OrientedTotal);
        Assert.Equal(0, drift.TransitionsTotal);
    }

    [Fact]
    public void Drift_serializes_to_the_results_json_shape()
    {
        var (graph, traits) = DriftGraphs.LicenseCycle();

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(DirectionalDrift.Analyze(graph, traits)));
        var license = document.RootElement.GetProperty("license");

        Assert.Equal(["apache-2.0", "mit", "llama3"], license.GetProperty("ordering").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, license.GetProperty("orientedCompatible").GetInt32());
        Assert.Equal(3, license.GetProperty("orientedTotal").GetInt32());
        Assert.Equal(9, license.GetProperty("transitionsForward").GetInt64());
        Assert.Equal(15, license.GetProperty("transitionsTotal").GetInt64());
        Assert.Equal(3, license.GetProperty("graph").GetProperty("edges").GetArrayLength());
    }
}
