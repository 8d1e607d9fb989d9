using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Drift;

/// <summary>
/// The trait transition graph (study §4.2, step 1): over every edge, for each trait the child adds, one transition from
/// every parent trait to it; for each trait the child drops, one transition from it to every trait the child has. A
/// single-label switch X → Y is therefore counted twice as X → Y (the study's add/drop double counting).
/// </summary>
public sealed class TransitionCounts
{
    private readonly Dictionary<long, long> _counts;

    private TransitionCounts(TraitColumn column, Dictionary<long, long> counts)
    {
        Column = column;
        _counts = counts;
    }

    /// <summary>The column whose value ids the counts refer to.</summary>
    public TraitColumn Column { get; }

    /// <summary>Number of ordered pairs with at least one transition.</summary>
    public int PairCount => _counts.Count;

    /// <summary>Sum of all transitions.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>Transitions from value <paramref name="from"/> to value <paramref name="to"/>.</summary>
    public long Get(int from, int to) => _counts.TryGetValue(Key(from, to), out var n) ? n : 0;

    /// <summary>Transitions between two values by name (0 when either is unknown).</summary>
    public long Get(string from, string to)
    {
        var f = Column.IdOf(from);
        var t = Column.IdOf(to);
        return f < 0 || t < 0 ? 0 : Get(f, t);
    }

    /// <summary>Every ordered pair with its count, ordered by (from, to) value id.</summary>
    public IEnumerable<(int From, int To, long Count)> Pairs()
    {
        foreach (var (key, count) in _counts.OrderBy(kv => kv.Key))
        {
            yield return ((int)(key >> 32), (int)(key & 0xFFFFFFFF), count);
        }
    }

    /// <summary>Counts the transitions of <paramref name="column"/> over every edge of <paramref name="graph"/>.</summary>
    public static TransitionCounts Count(LineageGraph graph, TraitColumn column)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(column);
        if (column.NodeCount != graph.NodeCount)
        {
            throw new ArgumentException($"trait column has {column.NodeCount} nodes, graph has {graph.NodeCount}", nameof(column));
        }
        var counts = new Dictionary<long, long>();
        for (var child = 0; child < graph.NodeCount; child++)
        {
            var b = column.Of(child);
            if (b.IsEmpty)
            {
                continue;
            }
            foreach (var parent in graph.Parents(child))
            {
                var a = column.Of(parent);
                if (a.IsEmpty)
                {
                    continue;
                }
                foreach (var added in b)
                {
                    if (MutationAnalysis.Contains(a, added))
                    {
                        continue;
                    }
                    foreach (var p in a)
                    {
                        Increment(counts, p, added);
                    }
                }
                foreach (var dropped in a)
                {
                    if (MutationAnalysis.Contains(b, dropped))
                    {
                        continue;
                    }
                    foreach (var c in b)
                    {
                        Increment(counts, dropped, c);
                    }
                }
            }
        }
        return new TransitionCounts(column, counts);
    }

    private static void Increment(Dictionary<long, long> counts, int from, int to)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, Key(from, to), out _);
        slot++;
    }

    private static long Key(int from, int to) => ((long)from << 32) | (uint)to;
}
