using Kinship.Files;


namespace Kinship.Lineage.Reporting;

/// <summary>Writes a report to a folder: <c>results.json</c>, <c>report.md</c>, <c>report.html</c> and <c>charts/NAME.png|svg</c>, each atomically.</summary>
public static class ReportWriter
{
    /// <summary>Renders every chart and writes every file of <paramref name="model"/> into <paramref name="directory"/>.</summary>
    public static async Task<ReportFiles> WriteAsync(ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var svgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var pngNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var chartPaths = new List<string>();
        foreach (var chart in model.FamilyCharts.Concat(model.Sections.SelectMany(s => s.Charts)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (png, svg) = ChartRenderer.Render(chart);
            var pngPath = Path.Combine(directory, "charts", chart.Name + ".png");
            var svgPath = Path.Combine(directory, "charts", chart.Name + ".svg");
            await AtomicFile.WriteAllBytesAsync(pngPath, png, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(svgPath, svg, cancellationToken).ConfigureAwait(false);
            chartPaths.Add(pngPath);
            chartPaths.Add(svgPath);
            svgs[chart.Name] = svg;
            pngNames[chart.Name] = "charts/" + chart.Name + ".png";
        }
        var json = Path.Combine(directory, "results.json");
        var markdown = Path.Combine(directory, "report.md");
        var html = Path.Combine(directory, "report.html");
        await AtomicFile.WriteAllTextAsync(json, ReportJson.Build(model).ToJsonString(ReportFormat.Json), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(markdown, ReportMarkdown.Render(model, pngNames), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(html, ReportHtml.Render(model, svgs), cancellationToken).ConfigureAwait(false);
        return new ReportFiles(json, markdown, html, chartPaths);
    }
}
