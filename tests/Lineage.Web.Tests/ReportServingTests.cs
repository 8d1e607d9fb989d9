using System.Net;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Web.Tests;

/// <summary><c>--report DIR</c>: the interactive page at <c>/report</c>, the folder's results.json at <c>/api/report</c>, its files under <c>/report/</c> and nothing outside it.</summary>
public sealed class ReportServingTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_report_folder_is_served_under_report_and_nothing_outside_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kinship-serve-" + Guid.NewGuid().ToString("N"));
        var report = Path.Combine(folder, "report");
        Directory.CreateDirectory(Path.Combine(report, "charts"));
        try
        {
            var ct = TestContext.Current.CancellationToken;
            var source = Path.Combine(folder, "hub.jsonl");
            await File.WriteAllTextAsync(source, """{"id": "o/a", "tags": ["license:mit"]}""" + "\n", ct);
            await File.WriteAllTextAsync(Path.Combine(report, "report.html"), "<html><img src=\"charts/growth.svg\"></html>", ct);
            await File.WriteAllTextAsync(Path.Combine(report, "results.json"), """{"title": "t", "drift": null}""", ct);
            await File.WriteAllTextAsync(Path.Combine(report, "charts", "growth.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "secret.txt"), "outside", ct);
            var catalogPath = Path.Combine(folder, "lineage.duckdb");
            new CatalogImporter(catalogPath).Import([new ImportSource(source)], cancellationToken: ct);

            await using var server = await ExplorerServer.StartAsync(ExplorerCatalog.Open(catalogPath, ct), new ExplorerOptions(Port: 0, ReportDirectory: report), ct);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };

            foreach (var page in (string[])["report", "report/"])
            {
                var shell = await http.GetStringAsync(page, ct);
                Assert.Contains("<script type=\"module\" src=\"/assets/app.js\"></script>", shell, StringComparison.Ordinal);
            }
            using (var results = await http.GetAsync("api/report", ct))
            {
                Assert.Equal(HttpStatusCode.OK, results.StatusCode);
                Assert.Equal("file", results.Headers.GetValues("X-Report-Source").Single());
                Assert.Equal("""{"title": "t", "drift": null}""", await results.Content.ReadAsStringAsync(ct));
            }
            Assert.Equal("<html><img src=\"charts/growth.svg\"></html>", await http.GetStringAsync("report/report.html", ct));
            using (var chart = await http.GetAsync("report/charts/growth.svg", ct))
            {
                Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
                Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
            }
            using (var escape = await http.GetAsync("report/%2e%2e/secret.txt", ct))
            {
                Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
            }

            var noReport = await Assert.ThrowsAsync<DirectoryNotFoundException>(async () =>
                await ExplorerServer.StartAsync(ExplorerCatalog.Open(catalogPath, ct), new ExplorerOptions(Port: 0, ReportDirectory: folder), ct));
            Assert.Equal($"--report '{folder}' holds no report.html (write one with `lineage analyze --out {folder}`)", noReport.Message);
            File.Delete(Path.Combine(report, "results.json"));
            var noResults = await Assert.ThrowsAsync<DirectoryNotFoundException>(async () =>
                await ExplorerServer.StartAsync(ExplorerCatalog.Open(catalogPath, ct), new ExplorerOptions(Port: 0, ReportDirectory: report), ct));
            Assert.Equal($"--report '{report}' holds no results.json (write one with `lineage analyze --out {report}`)", noResults.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
