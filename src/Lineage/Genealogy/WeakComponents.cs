namespace Kinship.Lineage.Genealogy;

/// <summary>Weakly connected components (edge direction ignored): the study's families (§2.2).</summary>
public static class WeakComponents
{
    /// <summary>Labels every node with its family; families are numbered by their smallest member, a model with no edge is a family of one.</summary>
    public static ComponentLabels Compute(LineageGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var (start, targets) = graph.ChildCsr;
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        for (var u = 0; u < n; u++)
        {
            for (var e = start[u]; e < start[u + 1]; e++)
            {
                var a = Find(parent, u);
                var b = Find(parent, targets[e]);
                if (a != b)
                {
                    // The smaller index becomes the representative, so a family's representative is its smallest member.
                    if (a < b)
                    {
                        parent[b] = a;
                    }
                    else
                    {
                        parent[a] = b;
                    }
                }
            }
        }
        // Representatives are the smallest members, so each is labelled before any other member of its family.
        var label = new int[n];
        var sizes = new List<int>();
        for (var v = 0; v < n; v++)
        {
            var root = Find(parent, v);
            if (root == v)
            {
                label[v] = sizes.Count;
                sizes.Add(1);
            }
            else
            {
                label[v] = label[root];
                sizes[label[v]]++;
            }
        }
        return new ComponentLabels(label, [.. sizes]);
    }

    private static int Find(int[] parent, int v)
    {
        while (parent[v] != v)
        {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
