using Kinship.Lineage.Cli.Terminal;
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
        if (root.Children.Count == 0 && root.HiddenBelow == 0)
        {
            tree.AddNode(new Markup(title.StartsWith("ancestors", StringComparison.Ordinal) ? "[grey]no declared parents in this variant[/]" : "[grey]no children in this variant[/]"));
        }
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
            return $"{relation}[grey]{TerminalText.Markup(node.Id)} (not in catalog)[/]";
        }
        var text = $"{relation}[bold]{TerminalText.Markup(node.Id)}[/]";
        if (details.TryGetValue(node.Id, out var d))
        {
            // Show only what the catalog knows: weekly-CSV catalogs, for instance, carry neither licenses nor downloads.
            var facts = new List<string>(2);
            if (d.Licenses.Count > 0)
            {
                facts.Add(string.Join(",", d.Licenses));
            }
            if (d.Downloads is { } n)
            {
                facts.Add(n.ToString("N0", CultureInfo.InvariantCulture) + " downloads");
            }
            if (facts.Count > 0)
            {
                text += $"  [grey]{TerminalText.Markup(string.Join(" · ", facts))}[/]";
            }
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
