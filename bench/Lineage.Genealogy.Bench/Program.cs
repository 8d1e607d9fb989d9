// Genealogy at Hub scale: graph build + every `lineage stats` figure on a simulated 2M-model Hub (EcosystemSimulator,
// imported with CatalogImporter; simulation and import reported separately), and the 12 shared weekly CSVs from
// import to stats. Prints each figure and writes JSON.
// Usage: Kinship.Lineage.Genealogy.Bench [--models N] [--seed S] [--work DIR] [--weekly DIR] [--out FILE]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Simulation;

var models = 2_000_000;
var seed = 42;
var work = Path.Combine(Path.GetTempPath(), "kinship-genealogy-bench");
string? weekly = null;
var output = "genealogy-bench.json";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--models" when i + 1 < args.Length: models = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--work" when i + 1 < args.Length: work = args[++i]; break;
        case "--weekly" when i + 1 < args.Length: weekly = args[++i]; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: [--models N] [--seed S] [--work DIR] [--weekly DIR] [--out FILE]");
            return 2;
    }
}
weekly ??= FindWeekly();

var figures = new Dictionary<string, object>
{
    ["machine"] = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 20)} MiB available, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
    ["loadAverageAtStart"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a",
    ["models"] = models,
    ["seed"] = seed,
    ["generator"] = "EcosystemSimulator (lineage simulate) with default options, imported by CatalogImporter (lineage import)",
};

Directory.CreateDirectory(work);
var cpuMark = Process.GetCurrentProcess().TotalProcessorTime;

// 1. Simulated Hub, imported into a catalog (reported separately from the genealogy figures).
var snapshotFile = Path.Combine(work, $"simulated-{models}-{seed}.jsonl");
var catalog = Path.Combine(work, $"simulated-{models}-{seed}.duckdb");
File.Delete(catalog);
var sw = Stopwatch.StartNew();
EcosystemSimulator.WriteFile(new SimulationOptions { Models = models, Seed = (ulong)seed }, snapshotFile);
Report("simulate_s", Seconds(sw));
Report("simulate_cpu_s", CpuSeconds());
sw.Restart();
var imported = new CatalogImporter(catalog).Import([new ImportSource(snapshotFile)]);
Report("import_s", Seconds(sw));
Report("import_cpu_s", CpuSeconds());
Report("import_rejected", imported.Sum(r => r.Rejected));
File.Delete(snapshotFile);

// 2. Graph build + every stats figure, in a fresh peak-memory window.
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
var peakReset = ResetPeak();
CpuSeconds();
Report("peak_rss_reset", peakReset);
sw.Restart();
var load = GenealogyLoader.Load(catalog);
Report("simulated_load_graph_s", Seconds(sw));
var loadCpu = CpuSeconds();
Report("simulated_load_graph_cpu_s", loadCpu);
var lap = Stopwatch.StartNew();
var stats = GenealogyStatisticsCalculator.Compute(load.Snapshot);
Report("simulated_stats_all_s", Seconds(lap));
var statsCpu = CpuSeconds();
Report("simulated_stats_all_cpu_s", statsCpu);
Report("simulated_build_plus_stats_s", Seconds(sw));
Report("simulated_build_plus_stats_cpu_s", Math.Round(loadCpu + statsCpu, 2));
Report("simulated_peak_rss_mib", PeakMiB());
Report("simulated_edges", stats.Edges.Total);
Report("simulated_dangling", stats.DanglingEdges);
Report("simulated_families", stats.Families);
Report("simulated_largest_family", stats.LargestFamilies[0].Size);
Report("simulated_max_generation", stats.Generations.Count - 1);
Report("simulated_cycles", stats.Cycles);
lap.Restart();
var noMerge = GenealogyStatisticsCalculator.Compute(load.Snapshot.WithVariant(GraphVariant.NoMerge));
Report("simulated_variant_no_merge_plus_stats_s", Seconds(lap));
Report("simulated_variant_no_merge_plus_stats_cpu_s", CpuSeconds());
Report("simulated_no_merge_families", noMerge.Families);
Report("simulated_no_merge_largest_family", noMerge.LargestFamilies[0].Size);
Report("simulated_no_merge_top_parent_children", noMerge.TopParents[0].Children);
Report("simulated_peak_rss_after_variant_mib", PeakMiB());
File.Delete(catalog);

// 3. The 12 shared weekly CSVs: import, then graph + stats.
if (weekly is not null && Directory.Exists(weekly))
{
    var files = Directory.GetFiles(weekly, "added_model_*.csv");
    Array.Sort(files, StringComparer.Ordinal);
    var weeklyCatalog = Path.Combine(work, "weekly.duckdb");
    if (File.Exists(weeklyCatalog))
    {
        File.Delete(weeklyCatalog);
    }
    sw.Restart();
    CpuSeconds();
    var results = new CatalogImporter(weeklyCatalog).Import([.. files.Select(f => new ImportSource(f))]);
    Report("weekly_files", files.Length);
    Report("weekly_import_s", Seconds(sw));
    Report("weekly_import_cpu_s", CpuSeconds());
    Report("weekly_rows_read", results.Sum(r => r.Read));
    lap.Restart();
    var weeklyStats = GenealogyStatisticsCalculator.Compute(GenealogyLoader.Load(weeklyCatalog).Snapshot);
    Report("weekly_load_plus_stats_s", Seconds(lap));
    Report("weekly_load_plus_stats_cpu_s", CpuSeconds());
    Report("weekly_import_to_stats_s", Seconds(sw));
    Report("weekly_models", weeklyStats.Models);
    Report("weekly_edges", weeklyStats.Edges.Total);
    Report("weekly_largest_family", $"{weeklyStats.LargestFamilies[0].Root} ({weeklyStats.LargestFamilies[0].Size})");
    File.Delete(weeklyCatalog);
}
else
{
    Console.WriteLine($"weekly CSVs not found{(weekly is null ? "" : $" in '{weekly}'")} (pass --weekly DIR); skipped");
}

File.WriteAllText(output, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");
return 0;

void Report(string name, object value)
{
    figures[name] = value;
    Console.WriteLine($"{name,-40} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
}

static double Seconds(Stopwatch stopwatch) => Math.Round(stopwatch.Elapsed.TotalSeconds, 2);

// CPU seconds of the whole process (all threads) since the last call: robust to a busy shared machine, unlike wall time.
double CpuSeconds()
{
    var now = Process.GetCurrentProcess().TotalProcessorTime;
    var spent = (now - cpuMark).TotalSeconds;
    cpuMark = now;
    return Math.Round(spent, 2);
}

// Linux: writing 5 to clear_refs resets VmHWM (the peak resident set) so the measured window starts here.
static string ResetPeak()
{
    try
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return "VmHWM reset via /proc/self/clear_refs";
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        return "could not reset VmHWM: the peak includes catalog generation";
    }
}

static long PeakMiB()
{
    if (File.Exists("/proc/self/status"))
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024;
            }
        }
    }
    return Process.GetCurrentProcess().PeakWorkingSet64 >> 20;
}

static string? FindWeekly()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "hub", "added-models");
        if (File.Exists(Path.Combine(dir.FullName, "Kinship.slnx")) && Directory.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }
    }
    return null;
}
