using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Compliance;

/// <summary>Audits one model: every edge into the model or into any of its ancestors is checked against the license rules.</summary>
public static class ComplianceAudit
{
    /// <summary>Audits the ancestry of node <paramref name="node"/> (breadth-first up the parents; merges follow every parent).</summary>
    public static AuditResult Audit(LineageGraph graph, NodeTraits traits, int node, LicenseCompliance? checker = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)node, (uint)graph.NodeCount, nameof(node));
        checker ??= new LicenseCompliance();
        var (order, generation) = Walk(graph, node);
        var tally = new ComplianceAnalysis.Tally();
        var licenses = new ComplianceAnalysis.LicenseSets(traits.Licenses);
        foreach (var child in order)
        {
            var parents = graph.Parents(child);
            var relations = graph.ParentRelations(child);
            for (var i = 0; i < parents.Length; i++)
            {
                ComplianceAnalysis.CheckEdge(graph, traits, checker, licenses, parents[i], child, relations[i], tally);
            }
        }
        var result = tally.ToResult(int.MaxValue);
        var ancestry = order
            .Select(n => new AuditedModel(graph.IdOf(n), generation[n], licenses.Of(n),
                [.. licenses.Of(n).Select(l => checker.Taxonomy.Categorize(l).Name())]))
            .ToArray();
        return new AuditResult(graph.IdOf(node), ancestry, result.Overall.EdgesChecked, result.Findings);
    }

    /// <summary>The model and every ancestor, nearest first (breadth-first up the parents).</summary>
    public static IReadOnlyList<int> Ancestry(LineageGraph graph, int node)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)node, (uint)graph.NodeCount, nameof(node));
        return Walk(graph, node).Order;
    }

    private static (List<int> Order, Dictionary<int, int> Generation) Walk(LineageGraph graph, int node)
    {
        var generation = new Dictionary<int, int> { [node] = 0 };
        var order = new List<int> { node };
        for (var i = 0; i < order.Count; i++)
        {
            var current = order[i];
            foreach (var parent in graph.Parents(current))
            {
                if (generation.TryAdd(parent, generation[current] + 1))
                {
                    order.Add(parent);
                }
            }
        }
        return (order, generation);
    }
}
