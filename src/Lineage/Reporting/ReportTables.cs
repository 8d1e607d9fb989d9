namespace Kinship.Lineage.Reporting;

/// <summary>The headline and family tables, shared by the Markdown and HTML writers.</summary>
public static class ReportTables
{
    /// <summary>One table per headline trait: value, models, share.</summary>
    public static IReadOnlyList<ReportTable> Headline(HeadlineTable headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        return [.. new[] { headline.Licenses, headline.Tasks, headline.Languages, headline.Libraries }.Select(t =>
            new ReportTable($"Top {t.Trait}s (share of {t.DenominatorLabel}: {ReportFormat.Count(t.Denominator)})", [t.Trait, "models", "share"],
                [.. t.Top.Select(r => (IReadOnlyList<string>)[r.Value, ReportFormat.Count(r.Count), ReportFormat.Percent(r.Share)])]))];
    }

    /// <summary>The family overview, the largest families and the parents with most children.</summary>
    public static IReadOnlyList<ReportTable> Families(FamilyOverview families)
    {
        ArgumentNullException.ThrowIfNull(families);
        return
        [
            new ReportTable("Graph", ["models", "edges", "models with a parent", "families", "families of 2 or more"],
                [[ReportFormat.Count(families.Models), ReportFormat.Count(families.Edges), ReportFormat.Count(families.ModelsWithParent),
                    ReportFormat.Count(families.Families), ReportFormat.Count(families.FamiliesWithTwoOrMore)]]),
            new ReportTable("Largest families", ["root", "models"], [.. families.Largest.Select(f => (IReadOnlyList<string>)[f.Root, ReportFormat.Count(f.Models)])]),
            new ReportTable("Parents with most direct children", ["parent", "children"], [.. families.TopParents.Select(f => (IReadOnlyList<string>)[f.Root, ReportFormat.Count(f.Models)])]),
        ];
    }
}
