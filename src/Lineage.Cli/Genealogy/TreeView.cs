using System.Globalization;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Spectre.Console;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Renders a <see cref="LineageTree"/> as Spectre trees: relation, id, license and downloads per line.</summary>
internal static class TreeView
{
    public static void Render(IAnsiConsole console, LineageTree tree, IReadOnlyDictionary<string, ModelDetails> details)
    {
        if (tree.Ancestors is not null)
        {
            console.Write(Build("ancestors of", tree.Ancestors, details));
        }
        if (tree.Descendants is not null)
        {
            console.Write(Build("descendants of", tree.Descendants, details));
        }
    }

    private static Tree Build(string title, LineageTreeNode root, IReadOnlyDictionary<string, ModelDetails> details)
    {
        var tree = new Tree(new Markup($"[bold]{title}[/] {Label(root, details)}"));
        var stack = new Stack<(IHasTreeNodes Parent, LineageTreeNode Node)>();
        for (var i = root.Children.Count - 1; i >= 0; i--)
        {
            stack.Push((tree, root.Children[i]));
        }
        AddHidden(tree, root);
        while (stack.Count > 0)
        {
            var (parent, node) = stack.Pop();
            var added = parent.AddNode(new Markup(Label(node, details)));
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((added, node.Children[i]));
            }
            AddHidden(added, node);
        }
        return tree;
    }

    private static void AddHidden(IHasTreeNodes parent, LineageTreeNode node)
    {
        if (node.HiddenBelow > 0)
        {
            parent.AddNode(new Markup($"[grey]… {node.HiddenBelow} more below --depth[/]"));
        }
    }

    private static string Label(LineageTreeNode node, IReadOnlyDictionary<string, ModelDetails> details)
    {
        var relation = node.Relation is { } r ? $"[{Colour(r)}]{r.Name()}[/] " : "";
        if (node.External)
        {
            return $"{relation}[grey]{Markup.Escape(node.Id)} (not in catalog)[/]";
        }
        var text = $"{relation}[bold]{Markup.Escape(node.Id)}[/]";
        if (details.TryGetValue(node.Id, out var d))
        {
            var license = d.Licenses.Count == 0 ? "no license" : string.Join(",", d.Licenses);
            var downloads = d.Downloads is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "?";
            text += $"  [grey]{Markup.Escape(license)} · {downloads} downloads[/]";
        }
        if (node.Repeated)
        {
            text += " [grey](shown above)[/]";
        }
        return text;
    }

    private static string Colour(Relation relation) => relation switch
    {
        Relation.Finetune => "blue",
        Relation.Merge => "fuchsia",
        Relation.Quantized => "green",
        Relation.Adapter => "purple",
        _ => "grey",
    };
}
