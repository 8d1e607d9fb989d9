namespace Kinship.Lineage.Genealogy;

/// <summary>Strongly connected components by Tarjan's algorithm, iterative (an explicit stack: no recursion at any depth).</summary>
public static class StrongComponents
{
    /// <summary>
    /// Labels every node with its strongly connected component. Components are numbered in the order Tarjan
    /// completes them, which is a reverse topological order: for every edge u→v across components, Of[v] &lt; Of[u].
    /// </summary>
    public static ComponentLabels Compute(LineageGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var (start, targets) = graph.ChildCsr;
        var n = graph.NodeCount;
        var order = new int[n];
        var low = new int[n];
        var component = new int[n];
        Array.Fill(order, -1);
        Array.Fill(component, -1);
        var stack = new int[n];
        var callNode = new int[n];
        var callEdge = new int[n];
        var sizes = new List<int>();
        var counter = 0;
        var top = 0;
        for (var s = 0; s < n; s++)
        {
            if (order[s] != -1)
            {
                continue;
            }
            if (start[s] == start[s + 1])
            {
                // A node with no children is its own component: skip the machinery (most nodes at Hub scale).
                order[s] = low[s] = counter++;
                component[s] = sizes.Count;
                sizes.Add(1);
                continue;
            }
            var sp = 0;
            callNode[0] = s;
            callEdge[0] = start[s];
            order[s] = low[s] = counter++;
            stack[top++] = s;
            while (sp >= 0)
            {
                var v = callNode[sp];
                var e = callEdge[sp];
                if (e < start[v + 1])
                {
                    callEdge[sp] = e + 1;
                    var w = targets[e];
                    if (order[w] == -1)
                    {
                        order[w] = low[w] = counter++;
                        stack[top++] = w;
                        sp++;
                        callNode[sp] = w;
                        callEdge[sp] = start[w];
                    }
                    else if (component[w] == -1 && order[w] < low[v])
                    {
                        // Visited and not yet assigned: w is on the stack.
                        low[v] = order[w];
                    }
                    continue;
                }
                if (low[v] == order[v])
                {
                    var id = sizes.Count;
                    var size = 0;
                    int w;
                    do
                    {
                        w = stack[--top];
                        component[w] = id;
                        size++;
                    }
                    while (w != v);
                    sizes.Add(size);
                }
                sp--;
                if (sp >= 0)
                {
                    var u = callNode[sp];
                    if (low[v] < low[u])
                    {
                        low[u] = low[v];
                    }
                }
            }
        }
        return new ComponentLabels(component, [.. sizes]);
    }
}
