using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Reporting;

/// <summary>The headline and family tables, shared by the Markdown and HTML writers.</summary>
public static class ReportTables
{
    /// <summary>One table per headline trait that some model declares: value, models, share.</summary>
    public static IReadOnlyList<ReportTable> Headline(HeadlineTable headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        // A trait nobody declares has no table; the report prints why instead (NotMeasured).
        return [.. new[] { headline.Licenses, headline.Tasks, headline.Languages, headline.Libraries }.Where(t => t.Top.Count > 0).Select(t =>
            new ReportTable($"Top {(t.Trait == "library" ? "libraries" : t.Trait + "s")} (share of {t.DenominatorLabel}: {ReportFormat.Count(t.Denominator)})", [t.Trait, "models", "share"],
                [.. t.Top.Select(r => (IReadOnlyList<string>)[r.Value, ReportFormat.Count(r.Count), ReportFormat.Percent(r.Share)])]))];
    }

    /// <summary>The family overview, the largest families and the parents with most children.</summary>
    public static IReadOnlyList<ReportTable> Families(GenealogyStatistics families)
    {
        ArgumentNullException.ThrowIfNull(families);
        return
        [
            new ReportTable($"Graph ({families.Variant.Name()} variant)", ["models", "edges", "models with a parent", "families", "dangling parent references", "cycles"],
                [[ReportFormat.Count(families.Models), ReportFormat.Count(families.Edges.Total), ReportFormat.Count(families.ModelsWithParents),
                    ReportFormat.Count(families.Families), ReportFormat.Count(families.DanglingEdges), ReportFormat.Count(families.Cycles)]]),
            new ReportTable("Edges by relation", ["finetune", "adapter", "quantized", "merge", "unknown"],
                [[ReportFormat.Count(families.Edges.Finetune), ReportFormat.Count(families.Edges.Adapter), ReportFormat.Count(families.Edges.Quantized),
                    ReportFormat.Count(families.Edges.Merge), ReportFormat.Count(families.Edges.Unknown)]]),
            new ReportTable("Largest families", ["root", "models", "max depth"],
                [.. families.LargestFamilies.Select(f => (IReadOnlyList<string>)[f.Root, ReportFormat.Count(f.Size), ReportFormat.Count(f.MaxDepth)])]),
            new ReportTable("Parents with most direct children", ["parent", "children"],
                [.. families.TopParents.Select(p => (IReadOnlyList<string>)[p.Id, ReportFormat.Count(p.Children)])]),
        ];
    }

    /// <summary>
    /// The study's family figures: the family-size distribution on log–log axes (logarithmic size bins at their geometric
    /// middle; the three largest families named at their size) and the number of models per generation depth.
    /// </summary>
    public static IReadOnlyList<ReportChart> FamilyCharts(GenealogyStatistics families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var charts = new List<ReportChart>();
        var points = families.FamilySizeHistogram.Where(b => b.Families > 0)
            .Select(b => new LogLogPoint(Math.Sqrt((double)b.Min * b.Max), b.Families)).ToList();
        points.AddRange(families.LargestFamilies.Take(3).Select(f => new LogLogPoint(f.Size, 1, $"{f.Root} ({ReportFormat.Count(f.Size)})")));
        if (points.Count > 0)
        {
            charts.Add(new LogLogChart("families-size-distribution", $"Family-size distribution ({families.Variant.Name()} variant; largest families named)",
                "family size (models)", "families", points));
        }
        if (families.Generations.Count > 1)
        {
            charts.Add(new BarChart("families-generation-depth", $"Models per generation depth ({families.Variant.Name()} variant)", "models",
                [.. Enumerable.Range(0, families.Generations.Count).Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                [new BarSeries("models", [.. families.Generations.Select(n => (double)n)])]));
        }
        return charts;
    }
}
