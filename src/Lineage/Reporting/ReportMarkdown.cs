using System.Text;

namespace Kinship.Lineage.Reporting;

/// <summary>Renders <c>report.md</c>: the same numbers as the HTML page, charts linked as the written PNG files.</summary>
public static class ReportMarkdown
{
    /// <summary>The Markdown text of a report; <paramref name="chartFiles"/> maps chart names to their PNG file names.</summary>
    public static string Render(ReportModel model, IReadOnlyDictionary<string, string> chartFiles)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(chartFiles);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(model.Title).AppendLine();
        md.Append("Generated ").Append(model.GeneratedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(".").AppendLine();
        foreach (var (key, value) in model.Inputs)
        {
            md.Append("- ").Append(key).Append(": ").AppendLine(Escape(value));
        }
        md.AppendLine();
        md.AppendLine("## Headline").AppendLine();
        NotMeasured(md, model, "headline");
        foreach (var table in ReportTables.Headline(model.Headline))
        {
            Table(md, table);
        }
        md.AppendLine("## Families").AppendLine();
        foreach (var table in ReportTables.Families(model.Families))
        {
            Table(md, table);
        }
        Charts(md, model.FamilyCharts, chartFiles);
        foreach (var section in model.Sections)
        {
            md.Append("## ").AppendLine(section.Title).AppendLine();
            if (section.Note is not null)
            {
                md.AppendLine(Escape(section.Note)).AppendLine();
            }
            NotMeasured(md, model, section.Key);
            foreach (var table in section.Tables)
            {
                Table(md, table);
            }
            Charts(md, section.Charts, chartFiles);
        }
        return md.ToString();
    }

    private static void Charts(StringBuilder md, IEnumerable<ReportChart> charts, IReadOnlyDictionary<string, string> chartFiles)
    {
        foreach (var chart in charts)
        {
            if (chartFiles.TryGetValue(chart.Name, out var file))
            {
                md.Append("![").Append(Escape(chart.Title)).Append("](").Append(file).AppendLine(")").AppendLine();
            }
        }
    }

    private static void NotMeasured(StringBuilder md, ReportModel model, string section)
    {
        foreach (var entry in model.NotMeasured.Where(n => n.Section == section))
        {
            md.Append("- Not measured, ").Append(Escape(entry.Analysis)).Append(": ").Append(Escape(entry.Reason)).AppendLine(".");
        }
        if (model.NotMeasured.Any(n => n.Section == section))
        {
            md.AppendLine();
        }
    }

    private static void Table(StringBuilder md, ReportTable table)
    {
        md.Append("### ").AppendLine(table.Title).AppendLine();
        if (table.Rows.Count == 0)
        {
            md.AppendLine("(none)").AppendLine();
            return;
        }
        md.Append("| ").AppendJoin(" | ", table.Columns.Select(Escape)).AppendLine(" |");
        md.Append('|').AppendJoin('|', table.Columns.Select(_ => "---")).AppendLine("|");
        foreach (var row in table.Rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        }
        md.AppendLine();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
