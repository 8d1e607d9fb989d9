using Kinship.Lineage.Genealogy;
using Kinship.Randomness;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// Samples instances of the study's eight subgraph patterns (§3.3) so that every instance of a pattern is equally likely:
/// each anchor (a node or an edge) is drawn with probability proportional to the number of instances it anchors, by
/// exact integer cumulative weights, then the remaining nodes uniformly. Chain4 weighs an edge u→v by indeg(u)·k(v),
/// which is the study's k(v) on forests and stays exact on graphs with merges.
/// </summary>
public sealed class PatternSampler
{
    private readonly LineageGraph _graph;
    private readonly int[] _edgeParent;
    private readonly int[] _edgeChild;
    private readonly Dictionary<SubgraphPattern, CumulativeWeights> _weights = [];

    /// <summary>Prepares sampling over <paramref name="graph"/>.</summary>
    public PatternSampler(LineageGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        var (start, targets) = graph.ChildCsr;
        _edgeChild = targets;
        _edgeParent = new int[targets.Length];
        for (var p = 0; p < graph.NodeCount; p++)
        {
            _edgeParent.AsSpan(start[p], start[p + 1] - start[p]).Fill(p);
        }
        foreach (var pattern in SubgraphPatterns.All)
        {
            if (pattern is not SubgraphPattern.Random and not SubgraphPattern.Edge)
            {
                _weights[pattern] = Build(pattern);
            }
        }
    }

    /// <summary>
    /// Number of instances of a pattern in the graph (the study's multiplicity): C(N,2) pairs, E edges, Σ C(k,2),
    /// Σ_edges k(v), Σ C(k,3), Σ_edges C(k(v),2), Σ_edges k(v)·(k(u)−1), Σ_edges indeg(u)·k(v).
    /// </summary>
    public long Multiplicity(SubgraphPattern pattern) => pattern switch
    {
        SubgraphPattern.Random => (long)_graph.NodeCount * (_graph.NodeCount - 1) / 2,
        SubgraphPattern.Edge => _graph.EdgeCount,
        _ => _weights[pattern].Total,
    };

    /// <summary>
    /// Draws <paramref name="instances"/> instances of <paramref name="pattern"/> with replacement and returns the pairs
    /// each yields (one <see cref="SampledPairs"/> per <see cref="SubgraphPatterns.Pairs"/> entry); empty when the
    /// pattern has no instance.
    /// </summary>
    public IReadOnlyList<SampledPairs> Sample(SubgraphPattern pattern, int instances, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instances);
        var pairs = SubgraphPatterns.Pairs(pattern);
        var count = Multiplicity(pattern) > 0 ? instances : 0;
        var first = new int[pairs.Count][];
        var second = new int[pairs.Count][];
        for (var c = 0; c < pairs.Count; c++)
        {
            first[c] = new int[count];
            second[c] = new int[count];
        }
        var rng = new SeededRandom(seed);
        Span<int> nodes = stackalloc int[5];
        for (var i = 0; i < count; i++)
        {
            Draw(pattern, ref rng, nodes);
            // nodes holds the pattern's named nodes; map them to the pairs c1… in the study's order.
            for (var c = 0; c < pairs.Count; c++)
            {
                var (a, b) = PairNodes(pattern, c);
                first[c][i] = nodes[a];
                second[c][i] = nodes[b];
            }
        }
        return [.. pairs.Select((p, c) => new SampledPairs(p, first[c], second[c]))];
    }

    /// <summary>
    /// How many ordered node tuples one instance of a pattern stands for: the orderings of its interchangeable nodes
    /// (cherry 2, star3 3! = 6, fork 2; 1 otherwise). A random draw picks one of them uniformly, so averaging an
    /// instance's pair over its orderings is the draw's expectation.
    /// </summary>
    public static int Orderings(SubgraphPattern pattern) => pattern switch
    {
        SubgraphPattern.Cherry or SubgraphPattern.Fork => 2,
        SubgraphPattern.Star3 => 6,
        _ => 1,
    };

    /// <summary>
    /// Every instance of <paramref name="pattern"/> once (exact, no sampling), as pairs grouped per instance:
    /// <see cref="SampledPairs.Group"/> consecutive entries (<see cref="Orderings"/>) are the orderings of one instance.
    /// Yields <see cref="Multiplicity"/> × <see cref="Orderings"/> entries per pair; meant for patterns with few instances.
    /// </summary>
    public IReadOnlyList<SampledPairs> Enumerate(SubgraphPattern pattern)
    {
        var group = Orderings(pattern);
        var total = checked((int)(Multiplicity(pattern) * group));
        var tuples = new List<int>(total * 5);
        var width = pattern switch
        {
            SubgraphPattern.Random or SubgraphPattern.Edge => 2,
            SubgraphPattern.Cherry or SubgraphPattern.Chain3 => 3,
            _ => 4,
        };
        void Add(params ReadOnlySpan<int> nodes) => tuples.AddRange(nodes);
        switch (pattern)
        {
            case SubgraphPattern.Random:
                for (var a = 0; a < _graph.NodeCount; a++)
                {
                    for (var b = a + 1; b < _graph.NodeCount; b++)
                    {
                        Add(a, b);
                    }
                }
                break;
            case SubgraphPattern.Edge:
                for (var e = 0; e < _edgeChild.Length; e++)
                {
                    Add(_edgeParent[e], _edgeChild[e]);
                }
                break;
            case SubgraphPattern.Cherry:
                for (var p = 0; p < _graph.NodeCount; p++)
                {
                    var k = _graph.Children(p);
                    for (var i = 0; i < k.Length; i++)
                    {
                        for (var j = i + 1; j < k.Length; j++)
                        {
                            Add(p, k[i], k[j]);
                            Add(p, k[j], k[i]);
                        }
                    }
                }
                break;
            case SubgraphPattern.Star3:
                for (var p = 0; p < _graph.NodeCount; p++)
                {
                    var k = _graph.Children(p);
                    for (var i = 0; i < k.Length; i++)
                    {
                        for (var j = i + 1; j < k.Length; j++)
                        {
                            for (var l = j + 1; l < k.Length; l++)
                            {
                                int a = k[i], b = k[j], c = k[l];
                                Add(p, a, b, c);
                                Add(p, a, c, b);
                                Add(p, b, a, c);
                                Add(p, b, c, a);
                                Add(p, c, a, b);
                                Add(p, c, b, a);
                            }
                        }
                    }
                }
                break;
            default:
                for (var e = 0; e < _edgeChild.Length; e++)
                {
                    var u = _edgeParent[e];
                    var v = _edgeChild[e];
                    var kv = _graph.Children(v);
                    switch (pattern)
                    {
                        case SubgraphPattern.Chain3:
                            foreach (var w in kv)
                            {
                                Add(u, v, w);
                            }
                            break;
                        case SubgraphPattern.Fork:
                            for (var i = 0; i < kv.Length; i++)
                            {
                                for (var j = i + 1; j < kv.Length; j++)
                                {
                                    Add(u, v, kv[i], kv[j]);
                                    Add(u, v, kv[j], kv[i]);
                                }
                            }
                            break;
                        case SubgraphPattern.Aunt:
                            foreach (var w in kv)
                            {
                                foreach (var x in _graph.Children(u))
                                {
                                    if (x != v)
                                    {
                                        Add(u, v, w, x);
                                    }
                                }
                            }
                            break;
                        default:
                            foreach (var t in _graph.Parents(u))
                            {
                                foreach (var w in kv)
                                {
                                    Add(t, u, v, w);
                                }
                            }
                            break;
                    }
                }
                break;
        }
        var count = tuples.Count / width;
        var pairs = SubgraphPatterns.Pairs(pattern);
        var result = new List<SampledPairs>(pairs.Count);
        for (var c = 0; c < pairs.Count; c++)
        {
            var (a, b) = PairNodes(pattern, c);
            var first = new int[count];
            var second = new int[count];
            for (var i = 0; i < count; i++)
            {
                first[i] = tuples[i * width + a];
                second[i] = tuples[i * width + b];
            }
            result.Add(new SampledPairs(pairs[c], first, second) { Group = group, Exhaustive = true });
        }
        return result;
    }

    /// <summary>Which of the drawn nodes form pair c of a pattern (indices into the node order documented in <see cref="Draw"/>).</summary>
    private static (int A, int B) PairNodes(SubgraphPattern pattern, int c) => pattern switch
    {
        // Random: [a, b]. Edge: [u, v].
        SubgraphPattern.Random or SubgraphPattern.Edge => (0, 1),
        // Cherry, Star3: [p, a, b(, c)]: (p,a), (a,b).
        SubgraphPattern.Cherry or SubgraphPattern.Star3 => c == 0 ? (0, 1) : (1, 2),
        // Chain3: [u, v, w]: (u,w), (v,w), (u,v).
        SubgraphPattern.Chain3 => c switch { 0 => (0, 2), 1 => (1, 2), _ => (0, 1) },
        // Fork: [u, v, w, x]: (u,w), (v,w), (u,v), (w,x).
        SubgraphPattern.Fork => c switch { 0 => (0, 2), 1 => (1, 2), 2 => (0, 1), _ => (2, 3) },
        // Aunt: [u, v, w, x]: (u,w), (w,x), (v,w), (u,v), (v,x).
        SubgraphPattern.Aunt => c switch { 0 => (0, 2), 1 => (2, 3), 2 => (1, 2), 3 => (0, 1), _ => (1, 3) },
        // Chain4: [t, u, v, w]: (t,w), (u,w), (t,v), (v,w), (u,v), (t,u).
        _ => c switch { 0 => (0, 3), 1 => (1, 3), 2 => (0, 2), 3 => (2, 3), 4 => (1, 2), _ => (0, 1) },
    };

    private void Draw(SubgraphPattern pattern, ref SeededRandom rng, Span<int> nodes)
    {
        switch (pattern)
        {
            case SubgraphPattern.Random:
            {
                var n = _graph.NodeCount;
                var a = rng.NextInt32(n);
                var b = rng.NextInt32(n - 1);
                nodes[0] = a;
                nodes[1] = b >= a ? b + 1 : b;
                break;
            }
            case SubgraphPattern.Edge:
            {
                var e = rng.NextInt32(_edgeChild.Length);
                nodes[0] = _edgeParent[e];
                nodes[1] = _edgeChild[e];
                break;
            }
            case SubgraphPattern.Cherry or SubgraphPattern.Star3:
            {
                var p = _weights[pattern].Draw(ref rng);
                nodes[0] = p;
                DistinctChildren(p, pattern == SubgraphPattern.Cherry ? 2 : 3, ref rng, nodes[1..]);
                break;
            }
            case SubgraphPattern.Chain3:
            {
                var e = _weights[pattern].Draw(ref rng);
                var v = _edgeChild[e];
                nodes[0] = _edgeParent[e];
                nodes[1] = v;
                nodes[2] = RandomChild(v, ref rng);
                break;
            }
            case SubgraphPattern.Fork:
            {
                var e = _weights[pattern].Draw(ref rng);
                var v = _edgeChild[e];
                nodes[0] = _edgeParent[e];
                nodes[1] = v;
                DistinctChildren(v, 2, ref rng, nodes[2..]);
                break;
            }
            case SubgraphPattern.Aunt:
            {
                var e = _weights[pattern].Draw(ref rng);
                var u = _edgeParent[e];
                var v = _edgeChild[e];
                nodes[0] = u;
                nodes[1] = v;
                nodes[2] = RandomChild(v, ref rng);
                // x: a uniform child of u other than v.
                var siblings = _graph.Children(u);
                var j = rng.NextInt32(siblings.Length - 1);
                var vAt = siblings.BinarySearch(v);
                nodes[3] = siblings[j >= vAt ? j + 1 : j];
                break;
            }
            default:
            {
                var e = _weights[pattern].Draw(ref rng);
                var u = _edgeParent[e];
                var v = _edgeChild[e];
                var parents = _graph.Parents(u);
                nodes[0] = parents[rng.NextInt32(parents.Length)];
                nodes[1] = u;
                nodes[2] = v;
                nodes[3] = RandomChild(v, ref rng);
                break;
            }
        }
    }

    private int RandomChild(int node, ref SeededRandom rng)
    {
        var children = _graph.Children(node);
        return children[rng.NextInt32(children.Length)];
    }

    /// <summary>Draws <paramref name="count"/> distinct children of <paramref name="node"/> in random order (an ordered draw without replacement).</summary>
    private void DistinctChildren(int node, int count, ref SeededRandom rng, Span<int> into)
    {
        var children = _graph.Children(node);
        Span<int> picked = stackalloc int[3];
        for (var i = 0; i < count; i++)
        {
            // Uniform among the children not yet picked: draw a rank among the remaining and skip picked indices.
            var r = rng.NextInt32(children.Length - i);
            var sorted = picked[..i];
            sorted.Sort();
            foreach (var taken in sorted)
            {
                if (r >= taken)
                {
                    r++;
                }
            }
            picked[i] = r;
            into[i] = children[r];
        }
    }

    private CumulativeWeights Build(SubgraphPattern pattern)
    {
        var anchors = new List<int>();
        var cumulative = new List<long>();
        long total = 0;
        void Add(int anchor, long weight)
        {
            if (weight > 0)
            {
                total = checked(total + weight);
                anchors.Add(anchor);
                cumulative.Add(total);
            }
        }
        switch (pattern)
        {
            case SubgraphPattern.Cherry or SubgraphPattern.Star3:
                for (var p = 0; p < _graph.NodeCount; p++)
                {
                    long k = _graph.OutDegree(p);
                    Add(p, pattern == SubgraphPattern.Cherry ? k * (k - 1) / 2 : k * (k - 1) * (k - 2) / 6);
                }
                break;
            default:
                for (var e = 0; e < _edgeChild.Length; e++)
                {
                    var u = _edgeParent[e];
                    var v = _edgeChild[e];
                    long kv = _graph.OutDegree(v);
                    Add(e, pattern switch
                    {
                        SubgraphPattern.Chain3 => kv,
                        SubgraphPattern.Fork => kv * (kv - 1) / 2,
                        SubgraphPattern.Aunt => kv * (_graph.OutDegree(u) - 1),
                        _ => _graph.InDegree(u) * kv,
                    });
                }
                break;
        }
        return new CumulativeWeights([.. anchors], [.. cumulative], total);
    }

    /// <summary>Anchors with positive weight and their running totals; a draw picks anchor i with probability weight_i / total.</summary>
    private sealed record CumulativeWeights(int[] Anchors, long[] Cumulative, long Total)
    {
        public int Draw(ref SeededRandom rng)
        {
            var r = rng.NextInt64(Total);
            // First index whose running total exceeds r.
            int lo = 0, hi = Cumulative.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Cumulative[mid] > r)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }
            return Anchors[lo];
        }
    }
}
