using Kinship.Lineage.Cli.Terminal;
using System.Globalization;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Spectre.Console;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Renders <see cref="GenealogyStatistics"/> as Spectre tables, a log-binned family-size histogram and growth sparklines.</summary>
internal static class StatisticsView
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static void Render(IAnsiConsole console, string title, GenealogyStatistics s)
    {
        console.Write(new Rule($"[bold]{TerminalText.Markup(title)}[/]").LeftJustified());

        var summary = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        summary.AddRow("models", N(s.Models));
        foreach (var relation in (ReadOnlySpan<Relation>)[Relation.Finetune, Relation.Adapter, Relation.Quantized, Relation.Merge, Relation.Unknown])
        {
            summary.AddRow($"{relation.Name()} edges", N(s.Edges.Of(relation)));
        }
        summary.AddRow("models with a parent", N(s.ModelsWithParents));
        summary.AddRow("dangling edges (parent not a model)", N(s.DanglingEdges));
        summary.AddRow("distinct absent parents", N(s.DanglingParents));
        summary.AddRow("self-references", N(s.SelfReferences));
        summary.AddRow("multi-parent models", N(s.MultiParentModels));
        summary.AddRow("families", N(s.Families));
        summary.AddRow("cycles (models in them)", $"{N(s.Cycles)} ({N(s.ModelsInCycles)})");
        console.Write(summary);

        var families = new Table().Border(TableBorder.Rounded).Title("largest families")
            .AddColumn("root").AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("max depth").RightAligned());
        foreach (var f in s.LargestFamilies)
        {
            families.AddRow(TerminalText.Markup(f.Root), N(f.Size), N(f.MaxDepth));
        }
        console.Write(families);

        var parents = new Table().Border(TableBorder.Rounded).Title("top parents")
            .AddColumn("model").AddColumn(new TableColumn("children").RightAligned());
        foreach (var p in s.TopParents)
        {
            parents.AddRow(TerminalText.Markup(p.Id), N(p.Children));
        }
        console.Write(parents);

        var generations = new Table().Border(TableBorder.Rounded).Title("generations")
            .AddColumn(new TableColumn("generation").RightAligned()).AddColumn(new TableColumn("models").RightAligned()).AddColumn("");
        var maxGeneration = s.Generations.Count == 0 ? 1 : s.Generations.Max();
        for (var g = 0; g < s.Generations.Count; g++)
        {
            generations.AddRow(N(g), N(s.Generations[g]), LogBar(s.Generations[g], maxGeneration));
        }
        console.Write(generations);

        var histogram = new Table().Border(TableBorder.Rounded).Title("family sizes (log bins; bar length is log-scaled)")
            .AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("families").RightAligned()).AddColumn("");
        var maxBin = s.FamilySizeHistogram.Count == 0 ? 1 : s.FamilySizeHistogram.Max(b => b.Families);
        foreach (var bin in s.FamilySizeHistogram)
        {
            var range = bin.Min == bin.Max ? N(bin.Min) : $"{N(bin.Min)}–{N(bin.Max)}";
            histogram.AddRow(range, N(bin.Families), LogBar(bin.Families, maxBin));
        }
        console.Write(histogram);

        if (s.Growth.Count > 0 && s.Growth.All(g => g.Months.Count == 0))
        {
            console.MarkupLine("[grey]growth of the largest families: no model in them has a creation time in this catalog[/]");
        }
        else if (s.Growth.Count > 0)
        {
            var growth = new Table().Border(TableBorder.Rounded).Title("growth of the largest families (cumulative size by month created)")
                .AddColumn("root").AddColumn("from").AddColumn("to").AddColumn("").AddColumn(new TableColumn("size").RightAligned());
            foreach (var g in s.Growth)
            {
                var from = g.Months.Count > 0 ? g.Months[0].Month : "–";
                var to = g.Months.Count > 0 ? g.Months[^1].Month : "–";
                var size = g.Months.Count > 0 ? g.Months[^1].Models : 0;
                var undated = g.Undated > 0 ? $" (+{N(g.Undated)} undated)" : "";
                growth.AddRow(TerminalText.Markup(g.Root), from, to, Sparkline(g.Months), N(size) + undated);
            }
            console.Write(growth);
        }

        if (s.LongestChains.Count > 0)
        {
            var chains = new Table().Border(TableBorder.Rounded).Title("longest root-to-leaf chains")
                .AddColumn(new TableColumn("edges").RightAligned()).AddColumn("chain");
            foreach (var chain in s.LongestChains)
            {
                chains.AddRow(N(chain.Count - 1), TerminalText.Markup(string.Join(" → ", chain)));
            }
            console.Write(chains);
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string LogBar(int value, int max)
    {
        if (value <= 0)
        {
            return "";
        }
        var width = (int)Math.Round(30 * Math.Log10(value + 1) / Math.Log10(max + 1));
        return new string('█', Math.Max(1, width));
    }

    private static string Sparkline(IReadOnlyList<MonthCount> months)
    {
        if (months.Count == 0)
        {
            return "";
        }
        // One block per month of the span (months without new models repeat the previous height), at most 36 columns.
        var first = MonthIndex(months[0].Month);
        var last = MonthIndex(months[^1].Month);
        var span = last - first + 1;
        var columns = Math.Min(span, 36);
        var max = months[^1].Models;
        var chars = new char[columns];
        var m = 0;
        var value = 0;
        for (var c = 0; c < columns; c++)
        {
            var monthAtColumn = first + (int)((long)(c + 1) * span / columns) - 1;
            while (m < months.Count && MonthIndex(months[m].Month) <= monthAtColumn)
            {
                value = months[m++].Models;
            }
            chars[c] = Blocks[(int)((long)value * (Blocks.Length - 1) / Math.Max(1, max))];
        }
        return new string(chars);
    }

    private static int MonthIndex(string month) =>
        (int.Parse(month.AsSpan(0, 4), CultureInfo.InvariantCulture) * 12) + int.Parse(month.AsSpan(5, 2), CultureInfo.InvariantCulture) - 1;
}
