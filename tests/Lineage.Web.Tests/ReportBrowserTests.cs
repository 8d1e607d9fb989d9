using System.Globalization;
using PuppeteerSharp;

namespace Kinship.Lineage.Web.Tests;

/// <summary>
/// The interactive report (<c>/report</c>, served with <c>--report</c> = the shared family's analyze output) in headless
/// Chromium: a tooltip on hover shows a similarity bar's mean and bootstrap CI and a mutation rate exactly as results.json
/// holds them; a mouse click on a drift arc, and Enter on a focused arc, list exactly the catalog edges behind it.
/// </summary>
public sealed class ReportBrowserTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    [Fact(Timeout = 180_000)]
    public async Task Hover_shows_values_with_their_CI_and_a_drift_arc_lists_the_catalog_edges_behind_it()
    {
        fixture.RequireData();
        await using var browser = await HeadlessChromium.Launch(Path.Combine(fixture.Folder, "chromium-profile"));
        var errors = new List<string>();
        await using var page = await HeadlessChromium.OpenPage(browser, errors);

        await page.GoToAsync(new Uri(fixture.Address, "report").ToString(), WaitUntilNavigation.Networkidle0);
        await page.WaitForSelectorAsync("#report-title");
        Assert.Equal(fixture.Results.GetProperty("title").GetString(), await HeadlessChromium.Text(page, "#report-title"));

        // 1. Hover a similarity bar: its mean, 95% CI and n, as results.json has them.
        var row = fixture.Results.GetProperty("similarity").EnumerateArray()
            .First(r => r.GetProperty("dna").GetString() == "metadata" && r.GetProperty("measure").GetString() == "tfidf" && r.GetProperty("pattern").GetString() == "random");
        await page.HoverAsync("rect.sim-bar[data-dna='metadata'][data-measure='tfidf'][data-pattern='random']");
        await page.WaitForSelectorAsync(".tooltip:not([hidden])");
        var tip = await HeadlessChromium.Text(page, ".tooltip");
        Assert.Contains($"mean {F3(row.GetProperty("mean").GetDouble())} [95% CI {F3(row.GetProperty("ciLow").GetDouble())}, {F3(row.GetProperty("ciHigh").GetDouble())}], n = 2,211",
            tip, StringComparison.Ordinal);
        Assert.Equal(2211, row.GetProperty("n").GetInt32());

        // 2. Hover a mutation bar: the license rate over all edges (5 of 63 edges).
        await page.HoverAsync("rect.mutation-bar[data-trait='license'][data-series='all edges']");
        Assert.StartsWith("license, all edges: mutation rate 7.94% (5.0 mutated of 63 edges", await HeadlessChromium.Text(page, ".tooltip"), StringComparison.Ordinal);
        await HeadlessChromium.Shot(page, "5-report");

        // Every chart and every arc carries a text alternative; arcs are keyboard buttons.
        Assert.Equal(50, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('path.drift-arc[role=button][tabindex=\"0\"][aria-label]').length"));
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('figure.report-chart svg')].filter(s => !s.getAttribute('aria-label')).length"));

        // 3. A real mouse click on the license arc apache-2.0 → mit (at a point on its stroke).
        const string licenseArc = "path.drift-arc[data-trait='license'][data-from='apache-2.0'][data-to='mit']";
        var point = await page.EvaluateFunctionAsync<double[]>("""
            s => { const p = document.querySelector(s); p.scrollIntoView({ block: 'center' }); const m = p.getPointAtLength(p.getTotalLength() / 2);
                   const q = new DOMPoint(m.x, m.y).matrixTransform(p.getScreenCTM()); return [q.x, q.y]; }
            """, licenseArc);
        await page.Mouse.ClickAsync((decimal)point[0], (decimal)point[1]);
        await page.WaitForSelectorAsync("#drift-edges-table tbody tr");
        Assert.Equal("Edges behind license apache-2.0 → mit", await HeadlessChromium.Text(page, "#drift-edges-heading"));
        var licenseEdges = fixture.Sql("""
            WITH m AS (SELECT id, list_transform(licenses, x -> lower(x)) AS l FROM models)
            SELECT p.parent, p.child FROM parents p JOIN m a ON a.id = p.parent JOIN m b ON b.id = p.child
            WHERE list_contains(a.l, 'apache-2.0') AND list_contains(b.l, 'mit') AND (NOT list_contains(a.l, 'mit') OR NOT list_contains(b.l, 'apache-2.0'))
            ORDER BY p.child, p.parent
            """);
        Assert.Equal(4, licenseEdges.Count);
        Assert.Equal(licenseEdges, await ListedEdges(page));
        Assert.StartsWith("4 catalog edges carry 8 transitions apache-2.0 → mit", await HeadlessChromium.Text(page, "#drift-edges-summary"), StringComparison.Ordinal);
        await HeadlessChromium.Shot(page, "6-report-drift-edges");

        // 4. Keyboard only: focus the task arc, Enter; focus moves to the edge list's heading.
        const string taskArc = "path.drift-arc[data-trait='task'][data-from='text-generation'][data-to='text-classification']";
        await page.FocusAsync(taskArc);
        Assert.Contains("task text-generation → text-classification: net traffic 6", await HeadlessChromium.Text(page, ".tooltip"), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#drift-edges-heading')?.textContent === 'Edges behind task text-generation → text-classification'");
        var taskEdges = fixture.Sql("""
            SELECT p.parent, p.child FROM parents p JOIN models a ON a.id = p.parent JOIN models b ON b.id = p.child
            WHERE a.task = 'text-generation' AND b.task = 'text-classification' ORDER BY p.child, p.parent
            """);
        Assert.Equal(3, taskEdges.Count);
        Assert.Equal(taskEdges, await ListedEdges(page));
        Assert.Equal("drift-edges-heading", await page.EvaluateExpressionAsync<string>("document.activeElement.id"));
        await HeadlessChromium.Shot(page, "7-report-keyboard");

        Assert.Empty(errors);
    }

    private static async Task<List<string>> ListedEdges(IPage page) =>
        [.. await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#drift-edges-table tbody tr')].map(r => r.dataset.parent + '|' + r.dataset.child)")];
}
