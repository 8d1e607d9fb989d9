using System.Globalization;
using System.Text.Json;
using Kinship.Lineage.Compliance;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Reporting;

/// <summary>Maps the mutation, drift, documentation and compliance results to report sections (tables, charts, JSON).</summary>
public static class AnalysisSections
{
    private static readonly Trait[] TraitOrder = [Trait.License, Trait.Language, Trait.Task, Trait.Library];

    /// <summary>The trait-mutation section (study §4.1): rates overall and per relation, with a bar chart.</summary>
    public static ReportSection Mutation(MutationResult result, string graphLabel)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Traits with no qualifying edge get no row or bar: the report says why instead (NotMeasured).
        var measured = TraitOrder.Where(t => result[t].Edges > 0).ToList();
        var relations = measured.SelectMany(t => result[t].ByRelation.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new ReportTable("Mutation rate per edge (|A Δ B| / |A ∪ B| over edges where both declare the trait)",
            ["trait", "edges", "mutated", "rate", .. relations.Select(r => r + " rate (edges)")],
            [.. measured.Select(t =>
            {
                var m = result[t];
                return (IReadOnlyList<string>)[Name(t), ReportFormat.Count(m.Edges), m.Mutated.ToString("0.0", CultureInfo.InvariantCulture), Rate(m.Rate),
                    .. relations.Select(r => m.ByRelation.TryGetValue(r, out var c) ? $"{Rate(c.Rate)} ({ReportFormat.Count(c.Edges)})" : "–")];
            })]);
        var chart = new BarChart("mutation-rates", "Trait mutation rate per edge", "mutation rate", [.. measured.Select(Name)],
        [
            new BarSeries("all edges", [.. measured.Select(t => result[t].Rate ?? 0)]),
            .. relations.Select(r => new BarSeries(r, [.. measured.Select(t => result[t].ByRelation.TryGetValue(r, out var c) ? c.Rate ?? 0 : 0)])),
        ]);
        return new ReportSection("mutation", "Trait mutation", JsonSerializer.SerializeToNode(result, ReportFormat.Json),
            measured.Count == 0 ? [] : [table], measured.Count == 0 ? [] : [chart], $"Graph variant: {graphLabel}.");
    }

    /// <summary>The directional-drift section (study §4.2): orderings, compatibility, and one ordering chart per trait.</summary>
    public static ReportSection Drift(DriftResult result, string graphLabel)
    {
        ArgumentNullException.ThrowIfNull(result);
        var measured = TraitOrder.Where(t => result[t].TransitionsTotal > 0).ToList();
        var summary = new ReportTable("Optimal orderings (upstream → downstream) and how much drift they explain",
            ["trait", "ordering", "oriented edges forward", "transitions accounted for"],
            [.. measured.Select(t =>
            {
                var d = result[t];
                return (IReadOnlyList<string>)[Name(t), string.Join(" → ", d.Ordering),
                    $"{d.OrientedCompatible}/{d.OrientedTotal} ({Share(d.OrientedCompatible, d.OrientedTotal)})",
                    $"{ReportFormat.Count(d.TransitionsForward)}/{ReportFormat.Count(d.TransitionsTotal)} ({Share(d.TransitionsForward, d.TransitionsTotal)})"];
            })]);
        var heaviest = new ReportTable("Heaviest oriented drift edges", ["trait", "from", "to", "net traffic", "transitions", "reverse", "agrees with ordering"],
            [.. measured.SelectMany(t => result[t].Graph.Edges.Take(5).Select(e => (IReadOnlyList<string>)[Name(t), e.From, e.To,
                ReportFormat.Count(e.Traffic), ReportFormat.Count(e.Transitions), ReportFormat.Count(e.ReverseTransitions), e.Forward ? "yes" : "no"]))]);
        var charts = TraitOrder.Where(t => result[t].Ordering.Count > 1).Select(t => (ReportChart)new OrderingChart($"drift-{Name(t)}",
            $"Directional drift of {Plural(t)} (upstream left)", result[t].Ordering,
            [.. result[t].Graph.Edges.Select(e => new OrderingArc(e.From, e.To, e.Traffic))])).ToList();
        return new ReportSection("drift", "Directional drift", JsonSerializer.SerializeToNode(result, ReportFormat.Json),
            measured.Count == 0 ? [] : heaviest.Rows.Count == 0 ? [summary] : [summary, heaviest], charts, $"Graph variant: {graphLabel}.");
    }

    /// <summary>The documentation-drift section (study §4.5): parent vs child means overall and per relation, with bar charts.</summary>
    public static ReportSection Documentation(DocumentationDriftResult result, string graphLabel)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new List<(string Name, DocumentationMeasures Measures)> { ("overall", result.Overall) };
        groups.AddRange(result.ByRelation.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)));
        (string Label, Func<DocumentationMeasures, ParentChildMeans> Pick)[] measures =
        [
            ("card length (characters; both have cards)", m => m.CardLength),
            ("card length (words; both have cards)", m => m.CardWords),
            ("auto-generated share (both have cards)", m => m.AutoGenerated),
            ("auto-generated share (all edges)", m => m.AutoGeneratedAllEdges),
            ("has a card (all edges)", m => m.HasCard),
            ("declared languages (both declare)", m => m.Languages),
            ("declared languages (all edges)", m => m.LanguagesAllEdges),
        ];
        // A measure no edge qualifies for (or that is zero on every edge: nobody has a card) gets no row and no chart; the
        // report says why instead (NotMeasured).
        var table = new ReportTable("Parent → child means", ["measure", .. groups.Select(g => g.Name)],
            [.. measures.Where(m => m.Pick(result.Overall) is { Edges: > 0 } o && !(o.Parent == 0 && o.Child == 0 && groups.All(g => m.Pick(g.Measures).Parent is 0.0 or null && m.Pick(g.Measures).Child is 0.0 or null))).Select(m => (IReadOnlyList<string>)[m.Label, .. groups.Select(g =>
            {
                var v = m.Pick(g.Measures);
                return v.Edges == 0 ? "–" : $"{Mean(v.Parent)} → {Mean(v.Child)} ({ReportFormat.Count(v.Edges)})";
            })])]);
        var categories = groups.Select(g => g.Name).ToList();
        ReportChart Bars(string name, string title, string y, Func<DocumentationMeasures, ParentChildMeans> pick) => new BarChart(name, title, y, categories,
        [
            new BarSeries("parent", [.. groups.Select(g => pick(g.Measures).Parent ?? 0)]),
            new BarSeries("child", [.. groups.Select(g => pick(g.Measures).Child ?? 0)]),
        ]);
        (string Name, string Title, string Y, Func<DocumentationMeasures, ParentChildMeans> Pick)[] charts =
        [
            ("documentation-card-length", "Card length, parent vs child", "characters", m => m.CardLength),
            ("documentation-auto-generated", "Share of auto-generated cards, parent vs child", "share", m => m.AutoGenerated),
            ("documentation-languages", "Declared languages, parent vs child", "languages", m => m.Languages),
        ];
        return new ReportSection("documentation", "Documentation drift", JsonSerializer.SerializeToNode(result, ReportFormat.Json), table.Rows.Count == 0 ? [] : [table],
            [.. charts.Where(c => c.Pick(result.Overall).Edges > 0).Select(c => Bars(c.Name, c.Title, c.Y, c.Pick))], $"Graph variant: {graphLabel}.");
    }

    /// <summary>The license-compliance section: counts per relation and rule, the riskiest license pairs, and the first findings.</summary>
    public static ReportSection Compliance(ComplianceResult result, string graphLabel, int findingsShown = 50)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rules = result.Overall.ByRule.Keys.Order(StringComparer.Ordinal).ToList();
        var counts = new List<(string Name, ComplianceCount Count)> { ("overall", result.Overall) };
        counts.AddRange(result.ByRelation.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)));
        var byRelation = new ReportTable("Edges with findings", ["edges", "checked", "with findings", "share", .. rules],
            [.. counts.Select(c => (IReadOnlyList<string>)[c.Name, ReportFormat.Count(c.Count.EdgesChecked), ReportFormat.Count(c.Count.EdgesWithFindings),
                c.Count.Share is { } s ? ReportFormat.Percent(s) : "–", .. rules.Select(r => ReportFormat.Count(c.Count.ByRule.GetValueOrDefault(r)))])]);
        var pairs = new ReportTable("License pairs with most findings", ["parent licenses", "child licenses", "checked", "with findings", "share"],
            [.. result.ByLicensePair.Where(p => p.EdgesWithFindings > 0).Take(15).Select(p => (IReadOnlyList<string>)[OrNone(p.Parent), OrNone(p.Child),
                ReportFormat.Count(p.EdgesChecked), ReportFormat.Count(p.EdgesWithFindings), ReportFormat.Percent(p.Share)])]);
        var findings = new ReportTable($"Findings (first {Math.Min(findingsShown, result.Findings.Count)} of {ReportFormat.Count(result.FindingsTotal)})",
            ["severity", "rule", "parent", "child", "relation", "parent licenses", "child licenses"],
            [.. result.Findings.Take(findingsShown).Select(f => (IReadOnlyList<string>)[f.Severity.ToString(), f.Rule.ToString(), f.Parent, f.Child, f.Relation,
                OrNone(string.Join(", ", f.ParentLicenses)), OrNone(string.Join(", ", f.ChildLicenses))])]);
        var chart = new BarChart("compliance-share", "Share of checked edges with a license finding", "share", [.. counts.Select(c => c.Name)],
            [new BarSeries("edges with findings", [.. counts.Select(c => c.Count.Share ?? 0)])]);
        var checkedAny = result.Overall.EdgesChecked > 0;
        return new ReportSection("compliance", "License compliance", JsonSerializer.SerializeToNode(result, ReportFormat.Json),
            checkedAny ? [byRelation, pairs, findings] : [], checkedAny ? [chart] : [],
            $"Graph variant: {graphLabel}. Beyond the study, which showed only the direction of license drift.");
    }

    private static string Name(Trait trait) => trait switch
    {
        Trait.License => "license",
        Trait.Language => "language",
        Trait.Task => "task",
        _ => "library",
    };

    private static string Plural(Trait trait) => trait == Trait.Library ? "libraries" : Name(trait) + "s";

    private static string OrNone(string licenses) => licenses.Length == 0 ? "(none)" : licenses;

    private static string Rate(double? rate) => rate is { } r ? ReportFormat.Percent(r) : "–";

    private static string Share(long part, long whole) => whole == 0 ? "–" : ReportFormat.Percent((double)part / whole);

    private static string Mean(double? value) => value is { } v ? (Math.Abs(v) >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.000", CultureInfo.InvariantCulture)) : "–";
}
