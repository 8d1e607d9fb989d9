using System.Net;
using System.Text;

namespace Kinship.Lineage.Reporting;

/// <summary>Renders <c>report.html</c>: one self-contained page (inline CSS, charts as inline SVG, no external resources).</summary>
public static class ReportHtml
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
        h1{border-bottom:2px solid #444}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1em;margin-bottom:.3em}
        table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:1em 0}figure svg{max-width:100%;height:auto}.note{color:#555;font-style:italic}
        """;

    /// <summary>The HTML page of a report; <paramref name="chartSvgs"/> maps chart names to their SVG markup.</summary>
    public static string Render(ReportModel model, IReadOnlyDictionary<string, string> chartSvgs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(chartSvgs);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(E(model.Title)).AppendLine("</title>");
        html.Append("<style>").Append(Style).AppendLine("</style></head><body>");
        html.Append("<h1>").Append(E(model.Title)).AppendLine("</h1>");
        html.Append("<p>Generated ").Append(E(model.GeneratedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))).AppendLine(".</p><ul>");
        foreach (var (key, value) in model.Inputs)
        {
            html.Append("<li>").Append(E(key)).Append(": ").Append(E(value)).AppendLine("</li>");
        }
        html.AppendLine("</ul><h2>Headline</h2>");
        NotMeasured(html, model, "headline");
        foreach (var table in ReportTables.Headline(model.Headline))
        {
            Table(html, table);
        }
        html.AppendLine("<h2>Families</h2>");
        foreach (var table in ReportTables.Families(model.Families))
        {
            Table(html, table);
        }
        Charts(html, model.FamilyCharts, chartSvgs);
        foreach (var section in model.Sections)
        {
            html.Append("<h2 id=\"").Append(E(section.Key)).Append("\">").Append(E(section.Title)).AppendLine("</h2>");
            if (section.Note is not null)
            {
                html.Append("<p class=\"note\">").Append(E(section.Note)).AppendLine("</p>");
            }
            NotMeasured(html, model, section.Key);
            foreach (var table in section.Tables)
            {
                Table(html, table);
            }
            Charts(html, section.Charts, chartSvgs);
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void Charts(StringBuilder html, IEnumerable<ReportChart> charts, IReadOnlyDictionary<string, string> chartSvgs)
    {
        foreach (var chart in charts)
        {
            if (chartSvgs.TryGetValue(chart.Name, out var svg))
            {
                html.Append("<figure>").Append(StripXmlDeclaration(svg)).Append("<figcaption>").Append(E(chart.Title)).AppendLine("</figcaption></figure>");
            }
        }
    }

    private static void NotMeasured(StringBuilder html, ReportModel model, string section)
    {
        var entries = model.NotMeasured.Where(n => n.Section == section).ToList();
        if (entries.Count == 0)
        {
            return;
        }
        html.AppendLine("<ul class=\"not-measured\">");
        foreach (var entry in entries)
        {
            html.Append("<li>Not measured, ").Append(E(entry.Analysis)).Append(": ").Append(E(entry.Reason)).AppendLine(".</li>");
        }
        html.AppendLine("</ul>");
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<h3>").Append(E(table.Title)).AppendLine("</h3>");
        if (table.Rows.Count == 0)
        {
            html.AppendLine("<p class=\"note\">(none)</p>");
            return;
        }
        html.Append("<table><thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th>").Append(E(column)).Append("</th>");
        }
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                var numeric = cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] == '–');
                html.Append(numeric ? "<td class=\"num\">" : "<td>").Append(E(cell)).Append("</td>");
            }
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static string StripXmlDeclaration(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
