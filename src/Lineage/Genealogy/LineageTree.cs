namespace Kinship.Lineage.Genealogy;

/// <summary>A model's ancestors and descendants (<c>lineage tree MODEL</c>); either side is null when not asked for.</summary>
public sealed record LineageTree(string Model, LineageTreeNode? Ancestors, LineageTreeNode? Descendants)
{
    /// <summary>Every model id the tree shows (external placeholders excluded).</summary>
    public IReadOnlyCollection<string> ModelIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<LineageTreeNode>();
        if (Ancestors is not null) stack.Push(Ancestors);
        if (Descendants is not null) stack.Push(Descendants);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!node.External) ids.Add(node.Id);
            foreach (var child in node.Children) stack.Push(child);
        }
        return ids;
    }
}
