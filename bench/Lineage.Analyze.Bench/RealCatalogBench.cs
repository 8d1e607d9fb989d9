using System.Diagnostics;
using System.Text.Json;
using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Analyze.Bench;

/// <summary><c>lineage analyze</c>'s work on a real catalog (default options): wall time per stage, total, peak memory.</summary>
internal static class RealCatalogBench
{
    public static async Task<int> RunAsync(string catalogPath, string output)
    {
        var total = Stopwatch.StartNew();
        var stages = new List<(string Stage, double StartSeconds)>();
        var gate = new Lock();
        var progress = new SyncProgress(p =>
        {
            lock (gate)
            {
                var name = p.Stage.Split(" (")[0];
                if (stages.Count == 0 || stages[^1].Stage != name)
                {
                    stages.Add((name, total.Elapsed.TotalSeconds));
                }
            }
        });
        progress.Report(new SimilarityProgress("reading the catalog", 0, null));
        ReportModel model;
        using (var catalog = CatalogSnapshot.Open(catalogPath))
        {
            model = LineageAnalysis.Run(catalog.Genealogy, catalog.Traits, catalog, new AnalyzeOptions
            {
                Inputs = new Dictionary<string, string> { ["catalog"] = catalogPath },
            }, progress);
        }
        progress.Report(new SimilarityProgress("writing the report", 0, null));
        var files = await ReportWriter.WriteAsync(model, output);
        var seconds = total.Elapsed.TotalSeconds;
        var process = Process.GetCurrentProcess();
        var timings = stages.Select((s, i) => (s.Stage, Seconds: (i + 1 < stages.Count ? stages[i + 1].StartSeconds : seconds) - s.StartSeconds))
            .GroupBy(s => s.Stage).Select(g => (Stage: g.Key, Seconds: g.Sum(x => x.Seconds))).ToList();
        foreach (var (stage, s) in timings)
        {
            Console.WriteLine($"{s,7:0.00}s  {stage}");
        }
        Console.WriteLine($"analyze + report on {catalogPath}: {seconds:0.00} s wall, {process.TotalProcessorTime.TotalSeconds:0.0} s cpu, peak working set {process.PeakWorkingSet64 / (1024 * 1024):#,0} MiB");
        var figures = new Dictionary<string, object>
        {
            ["catalog"] = catalogPath,
            ["totalSeconds"] = Math.Round(seconds, 2),
            ["stages"] = timings.ToDictionary(t => t.Stage, t => Math.Round(t.Seconds, 2)),
            ["peakWorkingSetMiB"] = process.PeakWorkingSet64 / (1024 * 1024),
            ["loadAverage1m"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a",
            ["report"] = files.Html,
        };
        var json = Path.Combine(output, "bench-real-analyze.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"figures: {json}");
        return 0;
    }

    private sealed class SyncProgress(Action<SimilarityProgress> report) : IProgress<SimilarityProgress>
    {
        public void Report(SimilarityProgress value) => report(value);
    }
}
