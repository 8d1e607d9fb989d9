using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>Builds ancestor and descendant trees of a model, breadth-first (iterative: safe at any depth).</summary>
public static class LineageTreeBuilder
{
    /// <summary>
    /// The tree of <paramref name="node"/>: ancestors when <paramref name="up"/>, descendants when <paramref name="down"/>,
    /// at most <paramref name="maxDepth"/> edges away. Each model is expanded once, at its shallowest line; later lines
    /// are marked repeated. With <paramref name="includeExternal"/>, dangling parents appear as external placeholders.
    /// </summary>
    public static LineageTree Build(GenealogySnapshot snapshot, int node, bool up, bool down, int maxDepth, bool includeExternal)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        var graph = snapshot.Graph;
        if ((uint)node >= (uint)graph.NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(node));
        }
        var ancestors = up ? Grow(snapshot, node, upward: true, maxDepth, includeExternal) : null;
        var descendants = down ? Grow(snapshot, node, upward: false, maxDepth, includeExternal: false) : null;
        return new LineageTree(graph.IdOf(node), ancestors, descendants);
    }

    private sealed class Line(int node, string id, Relation? relation, bool external, bool repeated, int depth)
    {
        public int Node { get; } = node;
        public string Id { get; } = id;
        public Relation? Relation { get; } = relation;
        public bool External { get; } = external;
        public bool Repeated { get; } = repeated;
        public int Depth { get; } = depth;
        public int Hidden { get; set; }
        public List<Line> Below { get; } = [];
    }

    private static LineageTreeNode Grow(GenealogySnapshot snapshot, int start, bool upward, int maxDepth, bool includeExternal)
    {
        var graph = snapshot.Graph;
        var expanded = new HashSet<int> { start };
        var root = new Line(start, graph.IdOf(start), null, false, false, 0);
        var queue = new Queue<Line>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            var line = queue.Dequeue();
            var neighbours = upward ? graph.Parents(line.Node) : graph.Children(line.Node);
            var relations = upward ? graph.ParentRelations(line.Node) : graph.ChildRelations(line.Node);
            var external = includeExternal ? snapshot.DanglingOf(line.Node) : [];
            if (line.Depth >= maxDepth)
            {
                line.Hidden = neighbours.Length + external.Length;
                continue;
            }
            // Neighbours come in index order, which is ordinal id order; external ids are merged in by ordinal order.
            var e = 0;
            for (var i = 0; i < neighbours.Length; i++)
            {
                var id = graph.IdOf(neighbours[i]);
                for (; e < external.Length && string.CompareOrdinal(external[e].MissingParent, id) < 0; e++)
                {
                    line.Below.Add(new Line(-1, external[e].MissingParent, external[e].Relation, true, false, line.Depth + 1));
                }
                var fresh = expanded.Add(neighbours[i]);
                var below = new Line(neighbours[i], id, relations[i], false, !fresh, line.Depth + 1);
                line.Below.Add(below);
                if (fresh)
                {
                    queue.Enqueue(below);
                }
            }
            for (; e < external.Length; e++)
            {
                line.Below.Add(new Line(-1, external[e].MissingParent, external[e].Relation, true, false, line.Depth + 1));
            }
        }
        return Freeze(root);
    }

    private static LineageTreeNode Freeze(Line root)
    {
        // Post-order without recursion: freeze children before their line.
        var order = new List<Line>();
        var stack = new Stack<Line>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var line = stack.Pop();
            order.Add(line);
            foreach (var below in line.Below)
            {
                stack.Push(below);
            }
        }
        var frozen = new Dictionary<Line, LineageTreeNode>(ReferenceEqualityComparer.Instance);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var line = order[i];
            var children = new LineageTreeNode[line.Below.Count];
            for (var c = 0; c < children.Length; c++)
            {
                children[c] = frozen[line.Below[c]];
            }
            frozen[line] = new LineageTreeNode(line.Id, line.Relation, line.External, line.Repeated, line.Hidden, children);
        }
        return frozen[root];
    }
}
