// Genealogy at Hub scale: graph build + every `lineage stats` figure on a synthetic 2M-model catalog, and the 12
// shared weekly CSVs from import to stats. Prints each figure and writes JSON.
// Usage: Kinship.Lineage.Genealogy.Bench [--models N] [--seed S] [--work DIR] [--weekly DIR] [--out FILE]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Genealogy.Bench;

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
    ["generator"] = "seeded synthetic catalog inside the bench (SyntheticCatalog.cs), not the ecosystem simulator",
};

Directory.CreateDirectory(work);
var cpuMark = Process.GetCurrentProcess().TotalProcessorTime;

// 1. Synthetic catalog ("import", reported separately).
var catalog = Path.Combine(work, $"synthetic-{models}-{seed}.duckdb");
if (File.Exists(catalog))
{
    File.Delete(catalog);
}
var sw = Stopwatch.StartNew();
var (_, pairs) = SyntheticCatalog.Write(catalog, models, seed);
Report("synthetic_import_s", Seconds(sw));
Report("synthetic_import_cpu_s", CpuSeconds());
Report("synthetic_pairs", pairs);

// 2. Graph build + every stats figure, in a fresh peak-memory window.
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
var peakReset = ResetPeak();
CpuSeconds();
Report("peak_rss_reset", peakReset);
sw.Restart();
var load = GenealogyLoader.Load(catalog);
Report("synthetic_load_graph_s", Seconds(sw));
var lap = Stopwatch.StartNew();
var stats = GenealogyStatisticsCalculator.Compute(load.Snapshot);
Report("synthetic_stats_all_s", Seconds(lap));
Report("synthetic_build_plus_stats_s", Seconds(sw));
Report("synthetic_build_plus_stats_cpu_s", CpuSeconds());
Report("synthetic_peak_rss_mib", PeakMiB());
Report("synthetic_edges", stats.Edges.Total);
Report("synthetic_dangling", stats.DanglingEdges);
Report("synthetic_families", stats.Families);
Report("synthetic_largest_family", stats.LargestFamilies[0].Size);
Report("synthetic_max_generation", stats.Generations.Count - 1);
Report("synthetic_cycles", stats.Cycles);
lap.Restart();
var noMerge = GenealogyStatisticsCalculator.Compute(load.Snapshot.WithVariant(GraphVariant.NoMerge));
Report("synthetic_variant_no_merge_plus_stats_s", Seconds(lap));
Report("synthetic_variant_no_merge_plus_stats_cpu_s", CpuSeconds());
Report("synthetic_no_merge_families", noMerge.Families);
Report("synthetic_no_merge_largest_family", noMerge.LargestFamilies[0].Size);
Report("synthetic_no_merge_top_parent_children", noMerge.TopParents[0].Children);
Report("synthetic_peak_rss_after_variant_mib", PeakMiB());
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
