namespace Kinship.Lineage.Genealogy;

/// <summary>
/// The family graph of a catalog together with the declaration facts that never become edges: dangling
/// references, self-references and multi-parent declarations. Node indices follow the ordinal order of model ids,
/// so the smallest index is the smallest id (every tie-break relies on this).
/// </summary>
public sealed class GenealogySnapshot
{
    /// <summary>Value of <see cref="CreatedAtUnixMs"/> for a model whose creation time is unknown.</summary>
    public const long UnknownTime = long.MinValue;

    private readonly long[] _createdAt;
    private readonly DanglingReference[] _dangling;
    private readonly int[] _danglingStart;
    private readonly int[] _selfReferencing;
    private readonly int[] _multiParent;

    /// <summary>Wraps loaded data; <paramref name="dangling"/> must be sorted by child, <paramref name="selfReferencing"/> and <paramref name="multiParent"/> ascending.</summary>
    public GenealogySnapshot(LineageGraph graph, GraphVariant variant, long[] createdAtUnixMs, DanglingReference[] dangling, int[] selfReferencing, int[] multiParent)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(createdAtUnixMs);
        ArgumentNullException.ThrowIfNull(dangling);
        ArgumentNullException.ThrowIfNull(selfReferencing);
        ArgumentNullException.ThrowIfNull(multiParent);
        if (createdAtUnixMs.Length != graph.NodeCount)
        {
            throw new ArgumentException($"{createdAtUnixMs.Length} creation times for {graph.NodeCount} models", nameof(createdAtUnixMs));
        }
        Graph = graph;
        Variant = variant;
        _createdAt = createdAtUnixMs;
        _dangling = dangling;
        _selfReferencing = selfReferencing;
        _multiParent = multiParent;
        _danglingStart = new int[graph.NodeCount + 1];
        for (var i = 0; i < dangling.Length; i++)
        {
            if ((uint)dangling[i].Child >= (uint)graph.NodeCount || (i > 0 && dangling[i].Child < dangling[i - 1].Child))
            {
                throw new ArgumentException("dangling references must be sorted by child and name models of the graph", nameof(dangling));
            }
            _danglingStart[dangling[i].Child + 1]++;
        }
        for (var i = 0; i < graph.NodeCount; i++)
        {
            _danglingStart[i + 1] += _danglingStart[i];
        }
    }

    /// <summary>The graph of <see cref="Variant"/>.</summary>
    public LineageGraph Graph { get; }

    /// <summary>Which relations are edges of <see cref="Graph"/>.</summary>
    public GraphVariant Variant { get; }

    /// <summary>Creation time of each model (Unix milliseconds), <see cref="UnknownTime"/> when unknown.</summary>
    public ReadOnlySpan<long> CreatedAtUnixMs => _createdAt;

    /// <summary>Declared parents that are not models, restricted to the relations of <see cref="Variant"/>, sorted by child.</summary>
    public ReadOnlySpan<DanglingReference> Dangling => _dangling;

    /// <summary>Models that name themselves as a parent (any relation), ascending.</summary>
    public ReadOnlySpan<int> SelfReferencing => _selfReferencing;

    /// <summary>Models declaring two or more distinct parents other than themselves, present or absent (any relation), ascending.</summary>
    public ReadOnlySpan<int> MultiParent => _multiParent;

    /// <summary>The dangling references declared by one model.</summary>
    public ReadOnlySpan<DanglingReference> DanglingOf(int child) =>
        _dangling.AsSpan(_danglingStart[child], _danglingStart[child + 1] - _danglingStart[child]);

    /// <summary>
    /// The same catalog seen through another variant: edges and dangling references whose relation the variant
    /// drops are removed; self-references and multi-parent declarations are facts of the catalog and stay.
    /// </summary>
    public GenealogySnapshot WithVariant(GraphVariant variant)
    {
        if (Variant != GraphVariant.All)
        {
            throw new InvalidOperationException($"variants are derived from the 'all' snapshot, this one is '{Variant.Name()}'");
        }
        if (variant == GraphVariant.All)
        {
            return this;
        }
        var graph = Graph.Where(relation => variant.Keeps(relation));
        var dangling = Array.FindAll(_dangling, d => variant.Keeps(d.Relation));
        return new GenealogySnapshot(graph, variant, _createdAt, dangling, _selfReferencing, _multiParent);
    }

    /// <summary>The snapshot restricted to <paramref name="nodes"/> (ascending, distinct), re-indexed 0..k-1 in that order.</summary>
    public GenealogySnapshot Subset(ReadOnlySpan<int> nodes)
    {
        var graph = Graph.Induced(nodes);
        var created = new long[nodes.Length];
        var dangling = new List<DanglingReference>();
        for (var i = 0; i < nodes.Length; i++)
        {
            created[i] = _createdAt[nodes[i]];
            foreach (var d in DanglingOf(nodes[i]))
            {
                dangling.Add(d with { Child = i });
            }
        }
        return new GenealogySnapshot(graph, Variant, created, [.. dangling], Reindex(_selfReferencing, nodes), Reindex(_multiParent, nodes));
    }

    private static int[] Reindex(int[] sortedMembers, ReadOnlySpan<int> nodes)
    {
        var result = new List<int>();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (Array.BinarySearch(sortedMembers, nodes[i]) >= 0)
            {
                result.Add(i);
            }
        }
        return [.. result];
    }
}
