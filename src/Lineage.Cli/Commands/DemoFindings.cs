using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>
/// The three headline findings <c>lineage demo</c> prints before the report path, read from the report's own tables: the
/// sibling versus parent–child similarity (means with 95% CIs, study §3.4), the strongest directional drift (§4.2), and
/// how many parent–child edges break a license rule.
/// </summary>
public static class DemoFindings
{
    /// <summary>One line per finding the report holds (a section that was not computed gives none).</summary>
    public static IReadOnlyList<string> From(ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>();
        if (Similarity(report) is { } similarity)
        {
            lines.Add(similarity);
        }
        if (Drift(report) is { } drift)
        {
            lines.Add(drift);
        }
        if (Compliance(report) is { } compliance)
        {
            lines.Add(compliance);
        }
        return lines;
    }

    private static string? Similarity(ReportModel report)
    {
        var section = report.Sections.FirstOrDefault(s => s.Key == "similarity");
        var table = section?.Tables.FirstOrDefault(t => t.Columns.Count > 3 && t.Columns[0] == "pattern" && t.Columns[2] == "generations apart");
        if (table is null)
        {
            return null;
        }
        var edge = table.Rows.FirstOrDefault(r => r[0] == "edge");
        var siblings = table.Rows.FirstOrDefault(r => r[0] == "cherry" && r[2] == "0");
        if (edge is null || siblings is null)
        {
            return null;
        }
        var verdict = section!.Tables.FirstOrDefault(t => t.Columns.Contains("claim") && t.Columns.Contains("holds"))?.Rows
            .FirstOrDefault(r => r[2] == SimilarityVerdict.ParentChildBelowSiblings && r[1] == table.Columns[3]);
        var holds = verdict is null ? "" : verdict[3] switch { "yes" => " — siblings are more alike than parent and child", "no" => " — siblings are not more alike than parent and child", _ => "" };
        return $"similarity ({table.Title.Split(':')[0].Replace("Genetic similarity, ", "", StringComparison.Ordinal)}, {table.Columns[3]}, mean [95% CI] (n)): siblings {siblings[3]} vs parent-child {edge[3]}{holds}";
    }

    private static string? Drift(ReportModel report)
    {
        var table = report.Sections.FirstOrDefault(s => s.Key == "drift")?.Tables
            .FirstOrDefault(t => t.Columns.Contains("from") && t.Columns.Contains("to") && t.Columns.Contains("net traffic"));
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }
        int Column(string name) => table.Columns.ToList().IndexOf(name);
        var (trait, from, to, traffic) = (Column("trait"), Column("from"), Column("to"), Column("net traffic"));
        var strongest = table.Rows.MaxBy(r => long.TryParse(r[traffic].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)!;
        return $"strongest drift: {strongest[trait]} {strongest[from]} → {strongest[to]} (net {strongest[traffic]} transitions parent → child)";
    }

    private static string? Compliance(ReportModel report)
    {
        var table = report.Sections.FirstOrDefault(s => s.Key == "compliance")?.Tables
            .FirstOrDefault(t => t.Columns.Contains("checked") && t.Columns.Contains("with findings"));
        var overall = table?.Rows.FirstOrDefault(r => r[0] == "overall");
        if (table is null || overall is null)
        {
            return null;
        }
        int Column(string name) => table.Columns.ToList().IndexOf(name);
        var share = Column("share") is >= 0 and var s ? $" ({overall[s]})" : "";
        return $"license compliance: {overall[Column("with findings")]} of {overall[Column("checked")]} checked parent-child edges{share} break a license rule";
    }
}
