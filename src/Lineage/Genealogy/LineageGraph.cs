using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>
/// The model family graph: models as dense indices 0..N-1, parent→child edges stored in CSR arrays in
/// both directions, each edge carrying its relation. Immutable; build variants with <see cref="Where"/>.
/// </summary>
public sealed class LineageGraph
{
    private readonly string[] _ids;
    private Dictionary<string, int>? _index;
    private readonly int[] _childStart;
    private readonly int[] _children;
    private readonly Relation[] _childRelations;
    private readonly int[] _parentStart;
    private readonly int[] _parents;
    private readonly Relation[] _parentRelations;

    private LineageGraph(string[] ids, Dictionary<string, int>? index, int[] childStart, int[] children, Relation[] childRelations,
        int[] parentStart, int[] parents, Relation[] parentRelations)
    {
        _ids = ids;
        _index = index;
        _childStart = childStart;
        _children = children;
        _childRelations = childRelations;
        _parentStart = parentStart;
        _parents = parents;
        _parentRelations = parentRelations;
    }

    /// <summary>Number of models (nodes).</summary>
    public int NodeCount => _ids.Length;

    /// <summary>Number of parent→child edges.</summary>
    public int EdgeCount => _children.Length;

    /// <summary>Model ids by dense index.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id of node <paramref name="node"/>.</summary>
    public string IdOf(int node) => _ids[node];

    /// <summary>The dense index of a model id, or -1 when the id is not a node.</summary>
    public int IndexOf(string id) => Index.TryGetValue(id, out var i) ? i : -1;

    /// <summary>The id→index map, built on first use (loading a catalog for <c>stats</c> never needs it).</summary>
    private Dictionary<string, int> Index => LazyInitializer.EnsureInitialized(ref _index, () =>
    {
        var index = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < _ids.Length; i++)
        {
            index.Add(_ids[i], i);
        }
        return index;
    });

    /// <summary>Children of a node, in ascending index order.</summary>
    public ReadOnlySpan<int> Children(int node) => _children.AsSpan(_childStart[node], _childStart[node + 1] - _childStart[node]);

    /// <summary>Relations of the edges to <see cref="Children"/>, index-aligned.</summary>
    public ReadOnlySpan<Relation> ChildRelations(int node) => _childRelations.AsSpan(_childStart[node], _childStart[node + 1] - _childStart[node]);

    /// <summary>Parents of a node, in ascending index order.</summary>
    public ReadOnlySpan<int> Parents(int node) => _parents.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    /// <summary>Relations of the edges from <see cref="Parents"/>, index-aligned.</summary>
    public ReadOnlySpan<Relation> ParentRelations(int node) => _parentRelations.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    /// <summary>Number of children of a node (k(x) in the study).</summary>
    public int OutDegree(int node) => _childStart[node + 1] - _childStart[node];

    /// <summary>Number of parents of a node.</summary>
    public int InDegree(int node) => _parentStart[node + 1] - _parentStart[node];

    /// <summary>Every edge, grouped by parent in ascending order, children ascending.</summary>
    public IEnumerable<GraphEdge> Edges()
    {
        for (var p = 0; p < _ids.Length; p++)
        {
            for (var e = _childStart[p]; e < _childStart[p + 1]; e++)
            {
                yield return new GraphEdge(p, _children[e], _childRelations[e]);
            }
        }
    }

    /// <summary>
    /// Builds a graph from node ids and edges between dense indices. Self-loops and duplicate
    /// (parent, child) pairs are dropped (the first relation seen wins); callers count those before.
    /// </summary>
    public static LineageGraph Build(IReadOnlyList<string> ids, IReadOnlyList<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(edges);
        var idArray = ids as string[] ?? [.. ids];
        var index = new Dictionary<string, int>(idArray.Length, StringComparer.Ordinal);
        for (var i = 0; i < idArray.Length; i++)
        {
            if (!index.TryAdd(idArray[i], i))
            {
                throw new ArgumentException($"duplicate model id '{idArray[i]}' at index {i}", nameof(ids));
            }
        }
        return Build(idArray, edges, index);
    }

    /// <summary>As <see cref="Build(IReadOnlyList{string}, IReadOnlyList{GraphEdge})"/>, with the id→index map already built, or null to build it on first use (ids distinct).</summary>
    internal static LineageGraph Build(string[] idArray, IReadOnlyList<GraphEdge> edges, Dictionary<string, int>? index)
    {
        var n = idArray.Length;

        // Sort edges by (parent, child) and remove self-loops and duplicates.
        var sorted = new GraphEdge[edges.Count];
        var m = 0;
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            if ((uint)e.Parent >= (uint)n || (uint)e.Child >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(edges), $"edge {e.Parent}->{e.Child} is outside 0..{n - 1}");
            }
            if (e.Parent != e.Child)
            {
                sorted[m++] = e;
            }
        }
        var span = sorted.AsSpan(0, m);
        span.Sort(static (a, b) => a.Parent != b.Parent ? a.Parent.CompareTo(b.Parent) : a.Child.CompareTo(b.Child));
        var unique = 0;
        for (var i = 0; i < m; i++)
        {
            if (unique > 0 && span[unique - 1].Parent == span[i].Parent && span[unique - 1].Child == span[i].Child)
            {
                continue;
            }
            span[unique++] = span[i];
        }
        span = span[..unique];

        var childStart = new int[n + 1];
        var children = new int[unique];
        var childRelations = new Relation[unique];
        var parentStart = new int[n + 1];
        foreach (ref readonly var e in span)
        {
            childStart[e.Parent + 1]++;
            parentStart[e.Child + 1]++;
        }
        for (var i = 0; i < n; i++)
        {
            childStart[i + 1] += childStart[i];
            parentStart[i + 1] += parentStart[i];
        }
        for (var i = 0; i < unique; i++)
        {
            children[i] = span[i].Child;
            childRelations[i] = span[i].Relation;
        }
        var parents = new int[unique];
        var parentRelations = new Relation[unique];
        var fill = parentStart.AsSpan(0, n).ToArray();
        // Edges are sorted by parent, so each child's parent list comes out ascending.
        foreach (ref readonly var e in span)
        {
            var slot = fill[e.Child]++;
            parents[slot] = e.Parent;
            parentRelations[slot] = e.Relation;
        }
        return new LineageGraph(idArray, index, childStart, children, childRelations, parentStart, parents, parentRelations);
    }

    /// <summary>A graph over the same nodes keeping only the edges whose relation satisfies <paramref name="keep"/>.</summary>
    public LineageGraph Where(Func<Relation, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        Span<bool> kept = stackalloc bool[256];
        foreach (var relation in Relations.All)
        {
            kept[(byte)relation] = keep(relation);
        }
        var n = _ids.Length;
        var count = 0;
        foreach (var relation in _childRelations)
        {
            count += kept[(byte)relation] ? 1 : 0;
        }
        // The arrays are already sorted by (parent, child): filter both directions in place order, no re-sort.
        var childStart = new int[n + 1];
        var children = new int[count];
        var childRelations = new Relation[count];
        var parentStart = new int[n + 1];
        var parents = new int[count];
        var parentRelations = new Relation[count];
        var c = 0;
        var p = 0;
        for (var v = 0; v < n; v++)
        {
            for (var e = _childStart[v]; e < _childStart[v + 1]; e++)
            {
                if (kept[(byte)_childRelations[e]])
                {
                    children[c] = _children[e];
                    childRelations[c++] = _childRelations[e];
                }
            }
            childStart[v + 1] = c;
            for (var e = _parentStart[v]; e < _parentStart[v + 1]; e++)
            {
                if (kept[(byte)_parentRelations[e]])
                {
                    parents[p] = _parents[e];
                    parentRelations[p++] = _parentRelations[e];
                }
            }
            parentStart[v + 1] = p;
        }
        return new LineageGraph(_ids, _index, childStart, children, childRelations, parentStart, parents, parentRelations);
    }

    /// <summary>
    /// The subgraph induced by <paramref name="nodes"/> (ascending, distinct): node i of the result is
    /// <c>nodes[i]</c> of this graph, and every edge between two kept nodes is kept with its relation.
    /// </summary>
    public LineageGraph Induced(ReadOnlySpan<int> nodes)
    {
        var local = new Dictionary<int, int>(nodes.Length);
        var ids = new string[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            if (i > 0 && nodes[i] <= nodes[i - 1])
            {
                throw new ArgumentException("nodes must be ascending and distinct", nameof(nodes));
            }
            local.Add(nodes[i], i);
            ids[i] = _ids[nodes[i]];
        }
        var edges = new List<GraphEdge>();
        for (var i = 0; i < nodes.Length; i++)
        {
            var v = nodes[i];
            for (var e = _childStart[v]; e < _childStart[v + 1]; e++)
            {
                if (local.TryGetValue(_children[e], out var child))
                {
                    edges.Add(new GraphEdge(i, child, _childRelations[e]));
                }
            }
        }
        return Build(ids, edges);
    }

    /// <summary>Raw CSR arrays for hot loops: child offsets (N+1) and child indices.</summary>
    internal (int[] Start, int[] Targets) ChildCsr => (_childStart, _children);

    /// <summary>Raw CSR arrays for hot loops: parent offsets (N+1) and parent indices.</summary>
    internal (int[] Start, int[] Targets) ParentCsr => (_parentStart, _parents);
}
