using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Reporting;

/// <summary>
/// Family statistics for the report (study §2.2–2.3): families are weakly connected components, named after the root
/// reached by walking the first parent up to a model without parents; the largest families and the top parents.
/// </summary>
public sealed record FamilyOverview(int Models, int Edges, int ModelsWithParent, int Families, int FamiliesWithTwoOrMore,
    IReadOnlyList<FamilyRow> Largest, IReadOnlyList<FamilyRow> TopParents)
{
    /// <summary>Computes the summary of <paramref name="graph"/>, keeping the <paramref name="top"/> largest families and parents.</summary>
    public static FamilyOverview Compute(LineageGraph graph, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        var withParent = 0;
        for (var v = 0; v < n; v++)
        {
            var parents = graph.Parents(v);
            if (parents.Length > 0) withParent++;
            foreach (var p in parents)
            {
                var (a, b) = (Find(p), Find(v));
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }
        var size = new int[n];
        for (var i = 0; i < n; i++) size[Find(i)]++;
        var families = 0;
        var nonTrivial = 0;
        var components = new List<(int Component, int Size)>();
        for (var i = 0; i < n; i++)
        {
            if (size[i] == 0) continue;
            families++;
            if (size[i] >= 2)
            {
                nonTrivial++;
                components.Add((i, size[i]));
            }
        }
        // Name each large family after its root: from any member, follow first parents up (bounded in case of a cycle).
        var largest = components.OrderByDescending(c => c.Size).ThenBy(c => c.Component).Take(top).Select(c =>
        {
            var node = c.Component;
            for (var steps = 0; steps < n && graph.InDegree(node) > 0; steps++) node = graph.Parents(node)[0];
            return new FamilyRow(graph.IdOf(node), c.Size);
        }).ToList();
        var topParents = Enumerable.Range(0, n).Where(v => graph.OutDegree(v) > 0)
            .OrderByDescending(graph.OutDegree).ThenBy(v => v).Take(top)
            .Select(v => new FamilyRow(graph.IdOf(v), graph.OutDegree(v))).ToList();
        return new FamilyOverview(n, graph.EdgeCount, withParent, families, nonTrivial, largest, topParents);
    }
}
