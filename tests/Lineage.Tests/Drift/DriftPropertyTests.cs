using CsCheck;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Drift;

public sealed class DriftPropertyTests
{
    private static readonly string[] Licenses = ["apache-2.0", "mit", "llama3", "gemma", "cc-by-nc-4.0", "other", "gpl-3.0"];

    // Random forests-with-merges over up to 30 models, each declaring 0-3 of seven licenses.
    private static readonly Gen<(LineageGraph Graph, NodeTraits Traits)> Hubs =
        from n in Gen.Int[2, 30]
        from parents in Gen.Int[-1, 29].Array[n]
        from extra in Gen.Int[-1, 29].Array[n]
        from sets in Gen.Int[0, Licenses.Length - 1].Array[0, 3].Array[n]
        select Build(n, parents, extra, sets);

    private static (LineageGraph, NodeTraits) Build(int n, int[] parents, int[] extra, int[][] sets)
    {
        var edges = new List<GraphEdge>();
        for (var child = 1; child < n; child++)
        {
            if (parents[child] >= 0)
            {
                edges.Add(new GraphEdge(parents[child] % child, child, Relation.Finetune));
            }
            if (extra[child] >= 0)
            {
                edges.Add(new GraphEdge(extra[child] % child, child, Relation.Merge));
            }
        }
        var builder = new NodeTraits.Builder(n);
        for (var i = 0; i < n; i++)
        {
            builder.Set(i, new TraitRecord { Licenses = [.. sets[i].Select(k => Licenses[k])] });
        }
        return (LineageGraph.Build([.. Enumerable.Range(0, n).Select(i => "m" + i)], edges), builder.Build());
    }

    [Fact]
    public void Transition_total_is_added_times_parent_size_plus_dropped_times_child_size()
    {
        Hubs.Sample(hub =>
        {
            var (graph, traits) = hub;
            long expected = 0;
            foreach (var e in graph.Edges())
            {
                var a = traits.Licenses.ValuesOf(e.Parent).ToHashSet();
                var b = traits.Licenses.ValuesOf(e.Child).ToHashSet();
                if (a.Count > 0 && b.Count > 0)
                {
                    expected += b.Except(a).Count() * a.Count + a.Except(b).Count() * b.Count;
                }
            }
            Assert.Equal(expected, TransitionCounts.Count(graph, traits.Licenses).Total);
        }, iter: 200);
    }

    [Fact]
    public void Edges_behind_every_transition_carry_exactly_its_count()
    {
        Hubs.Sample(hub =>
        {
            var (graph, traits) = hub;
            var counts = TransitionCounts.Count(graph, traits.Licenses);
            var values = traits.Licenses.Vocabulary.Count;
            for (var from = 0; from < values; from++)
            {
                for (var to = 0; to < values; to++)
                {
                    Assert.Equal(counts.Get(from, to), TransitionEdges.Find(graph, traits.Licenses, from, to).Sum(e => (long)e.Transitions));
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void Optimal_ordering_keeps_at_least_half_the_net_traffic_and_bounds_hold()
    {
        Hubs.Sample(hub =>
        {
            var (graph, traits) = hub;
            var drift = DirectionalDrift.Analyze(graph, traits.Licenses);
            // An ordering or its reverse places at least half of every oriented edge's traffic forward.
            Assert.True(2 * drift.TrafficForward >= drift.TrafficTotal);
            Assert.InRange(drift.OrientedCompatible, 0, drift.OrientedTotal);
            Assert.InRange(drift.TransitionsForward, 0, drift.TransitionsTotal);
            Assert.DoesNotContain("other", drift.Ordering);
            Assert.Equal(drift.Ordering.Count, drift.Ordering.Distinct().Count());
            Assert.Equal(drift.TrafficForward, drift.Graph.Edges.Where(e => e.Forward).Sum(e => e.Traffic));
        }, iter: 200);
    }

    [Fact]
    public void Mutation_rate_lies_between_zero_and_one()
    {
        Hubs.Sample(hub =>
        {
            var license = MutationAnalysis.Analyze(hub.Graph, hub.Traits).License;
            Assert.InRange(license.Mutated, 0, license.Edges);
            Assert.Equal(license.Edges, license.ByRelation.Values.Sum(r => r.Edges));
        }, iter: 200);
    }

    [Fact]
    public void Study_final_top_n_orders_ten_tasks_and_libraries()
    {
        Assert.Equal([20, 20, 10, 10], Kinship.Lineage.Traits.Traits.All.Select(DirectionalDrift.StudyFinalTopN));
    }
}
