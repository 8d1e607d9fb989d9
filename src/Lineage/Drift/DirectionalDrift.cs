using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Drift;

/// <summary>
/// Directional drift (study §4.2): count trait transitions, orient each pair of traits by its net traffic, keep the
/// <c>topN</c> most common traits, and find exactly the ordering that places the most net traffic forward.
/// </summary>
public static class DirectionalDrift
{
    /// <summary>The study's number of ordered traits (§4.2 step 3; the final code used 10 for tasks and libraries).</summary>
    public const int DefaultTopN = 20;

    /// <summary>Placeholder values never ranked among the top traits (compared case-insensitively).</summary>
    public static readonly IReadOnlyList<string> Excluded = ["other", "unknown", "none", "[]"];

    /// <summary>Directional drift of all four traits with the same <paramref name="topN"/> (the study's v1 used 20 for all).</summary>
    public static DriftResult Analyze(LineageGraph graph, NodeTraits traits, int topN = DefaultTopN) => Analyze(graph, traits, _ => topN);

    /// <summary>Directional drift of all four traits with a number of ordered traits per trait (see <see cref="StudyFinalTopN"/>).</summary>
    public static DriftResult Analyze(LineageGraph graph, NodeTraits traits, Func<Trait, int> topN)
    {
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(topN);
        return new DriftResult(
            Analyze(graph, traits.Licenses, topN(Trait.License)),
            Analyze(graph, traits.Languages, topN(Trait.Language)),
            Analyze(graph, traits.Tasks, topN(Trait.Task)),
            Analyze(graph, traits.Libraries, topN(Trait.Library)));
    }

    /// <summary>The study's final code: 20 ordered licenses and languages, 10 tasks and libraries.</summary>
    public static int StudyFinalTopN(Trait trait) => trait is Trait.License or Trait.Language ? 20 : 10;

    /// <summary>Directional drift of one trait column over every edge of <paramref name="graph"/>.</summary>
    public static TraitDrift Analyze(LineageGraph graph, TraitColumn column, int topN = DefaultTopN)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topN);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topN, OptimalOrdering.MaxItems);
        return Analyze(TransitionCounts.Count(graph, column), topN);
    }

    /// <summary>Directional drift from already counted transitions.</summary>
    public static TraitDrift Analyze(TransitionCounts transitions, int topN = DefaultTopN)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var column = transitions.Column;
        var top = TopTraits(transitions, topN);
        var n = top.Length;

        // raw[i, j] = transitions top[i] → top[j]; weights[i, j] = net traffic when i → j is the oriented direction.
        var raw = new long[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    raw[i * n + j] = transitions.Get(top[i], top[j]);
                }
            }
        }
        var weights = new long[n * n];
        for (var i = 0; i < n * n; i++)
        {
            var (a, b) = (i / n, i % n);
            var net = raw[a * n + b] - raw[b * n + a];
            weights[i] = net > 0 ? net : 0;
        }
        var solution = OptimalOrdering.Solve(n, weights);
        var position = new int[n];
        for (var p = 0; p < n; p++)
        {
            position[solution.Order[p]] = p;
        }

        int orientedTotal = 0, orientedCompatible = 0;
        long transitionsTotal = 0, transitionsForward = 0, trafficTotal = 0;
        var edges = new List<DriftGraphEdge>();
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a == b)
                {
                    continue;
                }
                var forward = position[a] < position[b];
                transitionsTotal += raw[a * n + b];
                if (forward)
                {
                    transitionsForward += raw[a * n + b];
                }
                var traffic = weights[a * n + b];
                if (traffic > 0)
                {
                    orientedTotal++;
                    trafficTotal += traffic;
                    if (forward)
                    {
                        orientedCompatible++;
                    }
                    edges.Add(new DriftGraphEdge(column.Vocabulary[top[a]], column.Vocabulary[top[b]], traffic, raw[a * n + b], raw[b * n + a], forward));
                }
            }
        }
        edges.Sort(static (x, y) => y.Traffic != x.Traffic ? y.Traffic.CompareTo(x.Traffic)
            : string.CompareOrdinal(x.From, y.From) != 0 ? string.CompareOrdinal(x.From, y.From) : string.CompareOrdinal(x.To, y.To));

        var ordering = new string[n];
        var nodes = new DriftGraphNode[n];
        for (var p = 0; p < n; p++)
        {
            var id = top[solution.Order[p]];
            ordering[p] = column.Vocabulary[id];
            nodes[p] = new DriftGraphNode(ordering[p], p, column.Carriers(id));
        }
        return new TraitDrift(ordering, orientedCompatible, orientedTotal, transitionsForward, transitionsTotal,
            solution.Value, trafficTotal, new DriftGraph(nodes, edges));
    }

    /// <summary>
    /// The <paramref name="topN"/> traits that carry net traffic with some other trait (nodes of the study's oriented graph),
    /// most carried first (ties by name), placeholders (<see cref="Excluded"/>) left out. Returns value ids.
    /// </summary>
    public static int[] TopTraits(TransitionCounts transitions, int topN)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var column = transitions.Column;
        var oriented = new HashSet<int>();
        foreach (var (from, to, count) in transitions.Pairs())
        {
            if (count != transitions.Get(to, from))
            {
                oriented.Add(from);
                oriented.Add(to);
            }
        }
        return [.. oriented
            .Where(id => !IsExcluded(column.Vocabulary[id]))
            .OrderByDescending(column.Carriers)
            .ThenBy(id => column.Vocabulary[id], StringComparer.Ordinal)
            .Take(topN)];
    }

    private static bool IsExcluded(string value)
    {
        foreach (var excluded in Excluded)
        {
            if (value.Equals(excluded, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return value.Length == 0;
    }
}
