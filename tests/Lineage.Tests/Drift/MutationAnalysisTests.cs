using System.Text.Json;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Drift;

public sealed class MutationAnalysisTests
{
    [Theory]
    [InlineData(new[] { 1 }, new[] { 1 }, 0.0)]
    [InlineData(new[] { 1 }, new[] { 2 }, 1.0)]
    [InlineData(new[] { 1, 2 }, new[] { 1 }, 0.5)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 2, 4 }, 0.75)]
    [InlineData(new int[0], new int[0], 0.0)]
    public void Edge_mutation_is_symmetric_difference_over_union(int[] a, int[] b, double expected)
    {
        Assert.Equal(expected, MutationAnalysis.EdgeMutation(a, b));
        Assert.Equal(expected, MutationAnalysis.EdgeMutation(b, a));
    }

    [Fact]
    public void License_mutation_counts_only_edges_where_both_declare_and_splits_by_relation()
    {
        var (graph, traits) = DriftGraphs.LicenseCycle();

        var license = MutationAnalysis.Analyze(graph, traits).License;

        // root→ft 1, root→ad 1/2, ft→q skipped (q declares none), ft→m 1, ad→m 1, m→back 1, m→both 1.
        Assert.Equal(6, license.Edges);
        Assert.Equal(5.5, license.Mutated);
        Assert.Equal(5.5 / 6, license.Rate);
        Assert.Equal(["finetune", "adapter", "quantized", "merge"], license.ByRelation.Keys);
        Assert.Equal(new MutationCount(3, 3), license.ByRelation["finetune"]);
        Assert.Equal(new MutationCount(1, 0.5), license.ByRelation["adapter"]);
        Assert.Equal(new MutationCount(0, 0), license.ByRelation["quantized"]);
        Assert.Null(license.ByRelation["quantized"].Rate);
        Assert.Equal(new MutationCount(2, 2), license.ByRelation["merge"]);
        Assert.Equal(1.0, license.ByRelation["merge"].Rate);
    }

    [Fact]
    public void Language_task_and_library_mutation_follow_the_same_definition()
    {
        var graph = LineageGraph.Build(["p", "c1", "c2", "c3"],
            [new(0, 1, Relation.Finetune), new(0, 2, Relation.Finetune), new(0, 3, Relation.Adapter)]);
        var traits = DriftGraphs.Traits(
        [
            new TraitRecord { Languages = ["en", "fr"], Task = "fill-mask", Library = "transformers" },
            new TraitRecord { Languages = ["en"], Task = "text-classification", Library = "transformers" },
            new TraitRecord { Languages = ["en", "fr", "de", "eng"], Task = "fill-mask" },
            new TraitRecord { Languages = ["zh"], Task = "fill-mask", Library = "peft" },
        ]);

        var result = MutationAnalysis.Analyze(graph, traits);

        Assert.Equal(3, result.Language.Edges);
        Assert.Equal(0.5 + 1.0 / 3 + 1.0, result.Language.Mutated, 12);
        Assert.Equal(3, result.Task.Edges);
        Assert.Equal(1, result.Task.Mutated);
        Assert.Equal(2, result.Library.Edges);
        Assert.Equal(1, result.Library.Mutated);
        Assert.Equal(new MutationCount(1, 1), result.Library.ByRelation["adapter"]);
        Assert.Same(result.Task, result[Trait.Task]);
    }

    [Fact]
    public void Graph_without_edges_has_no_rate()
    {
        var graph = LineageGraph.Build(["a"], []);
        var traits = DriftGraphs.Traits([new TraitRecord { Licenses = ["mit"] }]);

        var license = MutationAnalysis.Analyze(graph, traits).License;

        Assert.Equal(0, license.Edges);
        Assert.Null(license.Rate);
        Assert.Empty(license.ByRelation);
    }

    [Fact]
    public void Mutation_serializes_to_the_results_json_shape()
    {
        var (graph, traits) = DriftGraphs.LicenseCycle();

        var json = JsonSerializer.Serialize(MutationAnalysis.Analyze(graph, traits));
        using var document = JsonDocument.Parse(json);
        var license = document.RootElement.GetProperty("license");

        Assert.Equal(["license", "language", "task", "library"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, license.GetProperty("edges").GetInt64());
        Assert.Equal(5.5, license.GetProperty("mutated").GetDouble());
        Assert.Equal(5.5 / 6, license.GetProperty("rate").GetDouble());
        Assert.Equal(0.5, license.GetProperty("byRelation").GetProperty("adapter").GetProperty("rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, license.GetProperty("byRelation").GetProperty("quantized").GetProperty("rate").ValueKind);
    }
}
