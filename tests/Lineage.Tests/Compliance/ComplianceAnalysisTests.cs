using System.Text.Json;
using Kinship.Lineage.Compliance;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Compliance;

public sealed class ComplianceAnalysisTests
{
    private const string NamedLlamaCard = "---\nlicense: other\nlicense_name: Llama 3.1 Community License\n---\n# card";

    // (id, licenses, card, parents with relation)
    private static readonly (string Id, string[] Licenses, string? Card, (int Parent, Relation Relation)[] Parents)[] Models =
    [
        ("meta/llama", ["llama3.1"], null, []),                                            // 0
        ("a/ft-apache", ["apache-2.0"], null, [(0, Relation.Finetune)]),                   // 1 commercial-terms
        ("a/ft-other-named", ["other"], NamedLlamaCard, [(0, Relation.Finetune)]),         // 2 complies
        ("a/ft-other-unnamed", ["other"], null, [(0, Relation.Finetune)]),                 // 3 commercial-terms
        ("a/adapter-same", ["llama3.1"], null, [(0, Relation.Adapter)]),                   // 4 complies
        ("a/quant-none", [], null, [(0, Relation.Quantized)]),                             // 5 license-missing
        ("nc/base", ["cc-by-nc-4.0"], null, []),                                           // 6
        ("b/ft-mit", ["mit"], null, [(6, Relation.Finetune)]),                             // 7 use-restriction
        ("b/ft-nc-sa", ["cc-by-nc-sa-4.0"], null, [(6, Relation.Finetune)]),               // 8 complies
        ("gpl/base", ["gpl-3.0"], null, []),                                               // 9
        ("c/ft-agpl", ["agpl-3.0"], null, [(9, Relation.Finetune)]),                       // 10 copyleft
        ("c/quant-mit", ["apache-2.0"], null, [(12, Relation.Quantized)]),                 // 11 derivative-inherits
        ("mit/base", ["mit"], null, []),                                                   // 12
        ("d/none", [], null, [(12, Relation.Finetune)]),                                   // 13 complies (permissive parent)
        ("e/adapter-llama-to-mit", ["mit"], null, [(0, Relation.Adapter)]),                // 14 commercial-terms + derivative-inherits
        ("f/deep", ["apache-2.0"], null, [(1, Relation.Finetune)]),                        // 15 complies
        ("g/merge", ["apache-2.0"], null, [(12, Relation.Merge), (9, Relation.Merge)]),    // 16 copyleft (from gpl/base)
    ];

    internal static (LineageGraph Graph, NodeTraits Traits) Build()
    {
        var edges = new List<GraphEdge>();
        var builder = new NodeTraits.Builder(Models.Length);
        for (var i = 0; i < Models.Length; i++)
        {
            var m = Models[i];
            edges.AddRange(m.Parents.Select(p => new GraphEdge(p.Parent, i, p.Relation)));
            builder.Set(i, new TraitRecord { Licenses = m.Licenses, Card = m.Card });
        }
        return (LineageGraph.Build([.. Models.Select(m => m.Id)], edges), builder.Build());
    }

    [Fact]
    public void Every_edge_is_checked_and_findings_are_exact()
    {
        var (graph, traits) = Build();

        var result = ComplianceAnalysis.Analyze(graph, traits);

        Assert.Equal(14, result.Overall.EdgesChecked);
        Assert.Equal(8, result.Overall.EdgesWithFindings);
        Assert.Equal(9, result.FindingsTotal);
        Assert.Equal(
        [
            ("meta/llama", "a/ft-apache", "finetune", ComplianceRule.CommercialTerms, FindingSeverity.High, "llama3.1"),
            ("meta/llama", "a/ft-other-unnamed", "finetune", ComplianceRule.CommercialTerms, FindingSeverity.High, "llama3.1"),
            ("nc/base", "b/ft-mit", "finetune", ComplianceRule.UseRestriction, FindingSeverity.High, "cc-by-nc-4.0"),
            ("meta/llama", "e/adapter-llama-to-mit", "adapter", ComplianceRule.CommercialTerms, FindingSeverity.High, "llama3.1"),
            ("gpl/base", "c/ft-agpl", "finetune", ComplianceRule.Copyleft, FindingSeverity.Medium, "gpl-3.0"),
            ("gpl/base", "g/merge", "merge", ComplianceRule.Copyleft, FindingSeverity.Medium, "gpl-3.0"),
            ("meta/llama", "a/quant-none", "quantized", ComplianceRule.LicenseMissing, FindingSeverity.Low, "llama3.1"),
            ("mit/base", "c/quant-mit", "quantized", ComplianceRule.DerivativeInherits, FindingSeverity.Low, "mit"),
            ("meta/llama", "e/adapter-llama-to-mit", "adapter", ComplianceRule.DerivativeInherits, FindingSeverity.Low, "llama3.1"),
        ], result.Findings.Select(f => (f.Parent, f.Child, f.Relation, f.Rule, f.Severity, f.License)));
        Assert.Equal(["llama3.1"], result.Findings[0].ParentLicenses);
        Assert.Equal(["apache-2.0"], result.Findings[0].ChildLicenses);
    }

    [Fact]
    public void Counts_and_shares_are_split_by_relation_and_rule()
    {
        var (graph, traits) = Build();

        var result = ComplianceAnalysis.Analyze(graph, traits);

        Assert.Equal(["finetune", "adapter", "quantized", "merge"], result.ByRelation.Keys);
        var finetune = result.ByRelation["finetune"];
        Assert.Equal((8, 4, 0.5), (finetune.EdgesChecked, finetune.EdgesWithFindings, finetune.Share));
        Assert.Equal([2, 1, 1, 0, 0], finetune.ByRule.Values);
        var adapter = result.ByRelation["adapter"];
        Assert.Equal((2, 1), (adapter.EdgesChecked, adapter.EdgesWithFindings));
        Assert.Equal([1, 0, 0, 1, 0], adapter.ByRule.Values);
        var quantized = result.ByRelation["quantized"];
        Assert.Equal((2, 2), (quantized.EdgesChecked, quantized.EdgesWithFindings));
        Assert.Equal([0, 0, 0, 1, 1], quantized.ByRule.Values);
        var merge = result.ByRelation["merge"];
        Assert.Equal((2, 1), (merge.EdgesChecked, merge.EdgesWithFindings));
        Assert.Equal(["commercial-terms", "use-restriction", "copyleft", "derivative-inherits", "license-missing"], result.Overall.ByRule.Keys);
        Assert.Equal([3, 1, 2, 2, 1], result.Overall.ByRule.Values);
    }

    [Fact]
    public void License_pairs_count_checked_edges_and_findings()
    {
        var (graph, traits) = Build();

        var pairs = ComplianceAnalysis.Analyze(graph, traits).ByLicensePair.ToDictionary(p => (p.Parent, p.Child));

        Assert.Equal((2, 1, 0.5), (pairs[("llama3.1", "other")].EdgesChecked, pairs[("llama3.1", "other")].EdgesWithFindings, pairs[("llama3.1", "other")].Share));
        Assert.Equal((1, 1), (pairs[("llama3.1", "")].EdgesChecked, pairs[("llama3.1", "")].EdgesWithFindings));
        Assert.Equal((1, 0), (pairs[("mit", "")].EdgesChecked, pairs[("mit", "")].EdgesWithFindings));
        Assert.Equal((1, 0), (pairs[("llama3.1", "llama3.1")].EdgesChecked, pairs[("llama3.1", "llama3.1")].EdgesWithFindings));
        Assert.Equal(14, pairs.Values.Sum(p => p.EdgesChecked));
    }

    [Fact]
    public void Findings_cap_keeps_the_most_severe_and_the_full_count()
    {
        var (graph, traits) = Build();

        var result = ComplianceAnalysis.Analyze(graph, traits, maxFindings: 2);

        Assert.Equal(9, result.FindingsTotal);
        Assert.Equal(["a/ft-apache", "a/ft-other-unnamed"], result.Findings.Select(f => f.Child));
    }

    [Fact]
    public void Compliance_serializes_rule_and_severity_names()
    {
        var (graph, traits) = Build();

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(ComplianceAnalysis.Analyze(graph, traits)));
        var first = document.RootElement.GetProperty("findings")[0];

        Assert.Equal("commercial-terms", first.GetProperty("rule").GetString());
        Assert.Equal("high", first.GetProperty("severity").GetString());
        Assert.Equal(8.0 / 14, document.RootElement.GetProperty("overall").GetProperty("share").GetDouble());
        Assert.Equal(4, document.RootElement.GetProperty("byRelation").GetProperty("finetune").GetProperty("edgesWithFindings").GetInt64());
    }
}
