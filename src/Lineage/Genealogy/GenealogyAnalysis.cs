namespace Kinship.Lineage.Genealogy;

/// <summary>
/// The structure of one graph variant: strongly connected components (cycles), generations on the condensation,
/// families (weakly connected components) with their roots and depths. Pure: computed from the graph alone.
/// </summary>
public sealed class GenealogyAnalysis
{
    private GenealogyAnalysis(LineageGraph graph, ComponentLabels strong, int[] generation, ComponentLabels families, int[] roots, int[] maxDepth)
    {
        Graph = graph;
        Strong = strong;
        Generation = generation;
        Families = families;
        FamilyRoots = roots;
        FamilyMaxDepth = maxDepth;
    }

    /// <summary>The analysed graph.</summary>
    public LineageGraph Graph { get; }

    /// <summary>Strongly connected components, numbered in reverse topological order.</summary>
    public ComponentLabels Strong { get; }

    /// <summary>
    /// Generation of each model: the longest path to it from a parentless model (issue 3, "generation (depth)"),
    /// measured on the condensation, so every member of a cycle shares one generation and nothing loops. A model
    /// whose only ancestors form a cycle with it is in generation 0.
    /// </summary>
    public int[] Generation { get; }

    /// <summary>Families: weakly connected components, numbered by their smallest member.</summary>
    public ComponentLabels Families { get; }

    /// <summary>
    /// Root of each family: among its generation-0 models (parentless, or in a cycle with no parent outside it),
    /// the one with the most descendants; ties go to the smallest id (ordinal).
    /// </summary>
    public int[] FamilyRoots { get; }

    /// <summary>Largest generation in each family.</summary>
    public int[] FamilyMaxDepth { get; }

    /// <summary>Number of cycles: strongly connected components with more than one model.</summary>
    public int Cycles
    {
        get
        {
            var cycles = 0;
            foreach (var size in Strong.Sizes)
            {
                cycles += size > 1 ? 1 : 0;
            }
            return cycles;
        }
    }

    /// <summary>Analyses a graph.</summary>
    public static GenealogyAnalysis Run(LineageGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var strong = StrongComponents.Compute(graph);
        cancellationToken.ThrowIfCancellationRequested();
        var generation = Generations(graph, strong);
        cancellationToken.ThrowIfCancellationRequested();
        var families = WeakComponents.Compute(graph);
        cancellationToken.ThrowIfCancellationRequested();
        var roots = Roots(graph, families, generation, cancellationToken);
        var maxDepth = new int[families.Count];
        for (var v = 0; v < generation.Length; v++)
        {
            var f = families.Of[v];
            if (generation[v] > maxDepth[f])
            {
                maxDepth[f] = generation[v];
            }
        }
        return new GenealogyAnalysis(graph, strong, generation, families, roots, maxDepth);
    }

    /// <summary>The members of one family, ascending.</summary>
    public int[] MembersOf(int family)
    {
        var members = new int[Families.Sizes[family]];
        var k = 0;
        var of = Families.Of;
        for (var v = 0; v < of.Length && k < members.Length; v++)
        {
            if (of[v] == family)
            {
                members[k++] = v;
            }
        }
        return members;
    }

    /// <summary>Number of models reachable from <paramref name="node"/> by child edges, itself excluded.</summary>
    public int Descendants(int node)
    {
        var stamp = new bool[Graph.NodeCount];
        var queue = new int[Graph.NodeCount];
        return CountDescendants(Graph.ChildCsr, node, stamp, queue, clear: true);
    }

    private static int[] Generations(LineageGraph graph, ComponentLabels strong)
    {
        var (start, members) = strong.Group();
        var (parentStart, parents) = graph.ParentCsr;
        var of = strong.Of;
        var componentGeneration = new int[strong.Count];
        // Every edge across components points to a smaller component number, so descending order is topological.
        for (var c = strong.Count - 1; c >= 0; c--)
        {
            var g = 0;
            for (var m = start[c]; m < start[c + 1]; m++)
            {
                var v = members[m];
                for (var e = parentStart[v]; e < parentStart[v + 1]; e++)
                {
                    var pc = of[parents[e]];
                    if (pc != c && componentGeneration[pc] + 1 > g)
                    {
                        g = componentGeneration[pc] + 1;
                    }
                }
            }
            componentGeneration[c] = g;
        }
        var generation = new int[of.Length];
        for (var v = 0; v < of.Length; v++)
        {
            generation[v] = componentGeneration[of[v]];
        }
        return generation;
    }

    private static int[] Roots(LineageGraph graph, ComponentLabels families, int[] generation, CancellationToken cancellationToken)
    {
        var n = graph.NodeCount;
        var candidates = new int[families.Count];
        var roots = new int[families.Count];
        Array.Fill(roots, -1);
        for (var v = 0; v < n; v++)
        {
            if (generation[v] == 0)
            {
                var f = families.Of[v];
                if (candidates[f]++ == 0)
                {
                    roots[f] = v;
                }
            }
        }
        // Only families with several candidates need descendant counts; visit them in ascending order so a tie keeps the smaller id.
        bool[]? stamp = null;
        int[]? queue = null;
        var best = new int[families.Count];
        Array.Fill(best, -1);
        var csr = graph.ChildCsr;
        for (var v = 0; v < n; v++)
        {
            if (generation[v] != 0 || candidates[families.Of[v]] < 2)
            {
                continue;
            }
            stamp ??= new bool[n];
            queue ??= new int[n];
            var descendants = CountDescendants(csr, v, stamp, queue, clear: true);
            var f = families.Of[v];
            if (descendants > best[f])
            {
                best[f] = descendants;
                roots[f] = v;
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        return roots;
    }

    private static int CountDescendants((int[] Start, int[] Targets) csr, int source, bool[] stamp, int[] queue, bool clear)
    {
        var (start, targets) = csr;
        var head = 0;
        var tail = 0;
        stamp[source] = true;
        queue[tail++] = source;
        while (head < tail)
        {
            var u = queue[head++];
            for (var e = start[u]; e < start[u + 1]; e++)
            {
                var w = targets[e];
                if (!stamp[w])
                {
                    stamp[w] = true;
                    queue[tail++] = w;
                }
            }
        }
        if (clear)
        {
            for (var i = 0; i < tail; i++)
            {
                stamp[queue[i]] = false;
            }
        }
        // A cycle leads back to the source, which was stamped first and so is never counted twice.
        return tail - 1;
    }
}
