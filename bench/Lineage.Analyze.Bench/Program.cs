using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kinship.Lineage.Analyze.Bench;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;

// End-to-end benchmark of `lineage analyze` minus the catalog read: a seeded synthetic Hub (SyntheticHub) streams its
// listing JSON and cards like the catalog does; every analysis runs and the full report is written.
// Usage: Kinship.Lineage.Bench [--models N] [--samples N] [--resamples R] [--seed S] [--out DIR]
//        Kinship.Lineage.Analyze.Bench levenshtein RECORDS.csv [PAIRS] [ROUNDS] [OUT]   (vs python-Levenshtein, same pairs)
//        Kinship.Lineage.Analyze.Bench real CATALOG.duckdb [OUT]                        (analyze on a real catalog, per stage)
if (args is ["levenshtein", var records, ..])
{
    return await LevenshteinBench.RunAsync(records, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7, args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "kinship-levenshtein-bench"),
        "/usr/bin/python3");
}
if (args is ["real", var catalogPath, ..])
{
    return await RealCatalogBench.RunAsync(catalogPath, args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "kinship-real-analyze-bench"));
}
var models = 2_000_000;
var samples = 5_000;
var resamples = 1_000;
var seed = 1UL;
var output = Path.Combine(Path.GetTempPath(), "kinship-analyze-bench");
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--models": models = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--samples": samples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--resamples": resamples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seed": seed = ulong.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--out": output = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

var total = Stopwatch.StartNew();
var stage = Stopwatch.StartNew();
var hub = new SyntheticHub(models, seed);
var traits = hub.Traits();
var generate = stage.Elapsed;
Console.WriteLine($"synthetic hub: {models:#,0} models, {hub.Graph.EdgeCount:#,0} edges, built in {generate.TotalSeconds:0.0} s");

stage.Restart();
var lastStage = "";
var progress = new Progress<SimilarityProgress>(p =>
{
    if (p.Stage != lastStage)
    {
        lastStage = p.Stage;
        Console.WriteLine($"{stage.Elapsed.TotalSeconds,7:0.0}s wall {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,7:0.0}s cpu  {p.Stage}");
    }
});
var model = LineageAnalysis.Run(hub.Genealogy, traits, hub, new AnalyzeOptions
{
    Similarity = new SimilarityOptions { Samples = samples, Resamples = resamples, Seed = seed },
    Inputs = new Dictionary<string, string> { ["source"] = $"synthetic hub, {models:#,0} models, seed {seed}" },
}, progress);
var analyze = stage.Elapsed;
stage.Restart();
var files = await ReportWriter.WriteAsync(model, output);
var write = stage.Elapsed;
var process = Process.GetCurrentProcess();
process.Refresh();
var peak = process.PeakWorkingSet64;
var cpu = process.TotalProcessorTime;
var figures = new Dictionary<string, object>
{
    ["models"] = models,
    ["edges"] = hub.Graph.EdgeCount,
    ["samples"] = samples,
    ["resamples"] = resamples,
    ["generateSeconds"] = Math.Round(generate.TotalSeconds, 2),
    ["analyzeSeconds"] = Math.Round(analyze.TotalSeconds, 2),
    ["writeReportSeconds"] = Math.Round(write.TotalSeconds, 2),
    ["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 2),
    ["peakWorkingSetMiB"] = peak / (1024 * 1024),
    ["cpuSeconds"] = Math.Round(cpu.TotalSeconds, 1),
    ["loadAverage1m"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a",
    ["processors"] = Environment.ProcessorCount,
    ["report"] = files.Html,
};
Console.WriteLine($"analyze {analyze.TotalSeconds:0.0} s, report {write.TotalSeconds:0.0} s, total {total.Elapsed.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s cpu, peak working set {peak / (1024 * 1024):#,0} MiB");
var json = Path.Combine(output, "bench-analyze.json");
await File.WriteAllTextAsync(json, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"figures: {json}");
return 0;
