using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kinship.Lineage.Bench;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;

// Import benchmark: generate N listing records as JSON Lines, import them end to end, print and write the figures.
// usage: Kinship.Lineage.Bench [--records N] [--work DIR] [--json PATH] [--files PATH...] | --profile FILE
//        | --probe-parse FILE | --probe-append FILE VARIANT (see AppendProbe)
var records = 2_000_000;
var work = Path.Combine(Path.GetTempPath(), "kinship-bench");
var jsonOut = "bench-import.json";
var files = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--work": work = args[++i]; break;
        case "--json": jsonOut = args[++i]; break;
        case "--profile": ImportProfile.Run(args[++i], Path.GetTempPath()); return 0;
        case "--probe-parse": ParseProbe.Run(args[i + 1]); return 0;
        case "--probe-append": AppendProbe.Run(args[i + 1], Path.GetTempPath(), args[i + 2]); return 0;
        case "--files": while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) { files.Add(args[++i]); } break;
        default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
    }
}
Directory.CreateDirectory(work);
var catalog = Path.Combine(work, "bench.duckdb");
foreach (var stale in new[] { catalog, catalog + ".wal" })
{
    File.Delete(stale);
}
long generatedWithParent = 0, generatedLinks = 0;
double generateSeconds = 0;
if (files.Count == 0)
{
    var listing = Path.Combine(work, $"listing-{records}.jsonl");
    var generator = new ListingGenerator(seed: 20250712);
    var generateClock = Stopwatch.StartNew();
    generator.Write(listing, records);
    generateSeconds = generateClock.Elapsed.TotalSeconds;
    generatedWithParent = generator.WithParent;
    generatedLinks = generator.ParentLinks;
    files.Add(listing);
    Console.WriteLine($"generated {records:N0} records ({new FileInfo(listing).Length / 1e6:F0} MB, {generatedWithParent:N0} with a parent, {generatedLinks:N0} parent links) in {generateSeconds:F1} s");
}
var bytes = files.Sum(f => new FileInfo(f).Length);
var clock = Stopwatch.StartNew();
var stages = new List<string>();
var results = new CatalogImporter(catalog).Import(files.Select(f => new ImportSource(f)).ToArray(), progress: new StageClock(clock, stages));
foreach (var stage in stages)
{
    Console.WriteLine(stage);
}
var seconds = clock.Elapsed.TotalSeconds;
var read = results.Sum(r => r.Read);
var imported = results.Sum(r => r.Imported);
var importPeak = Process.GetCurrentProcess().PeakWorkingSet64; // before the peers run in this process
var importCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
Console.WriteLine($"import: {seconds:F1} s wall, {importCpu:F1} s CPU; GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2, {GC.GetTotalPauseDuration().TotalSeconds:F2} s paused, {GC.GetTotalAllocatedBytes() / 1e9:F1} GB allocated");
// Peer in the same run: DuckDB's own read_json of the same files into a table.
var peerCatalog = Path.Combine(work, "peer.duckdb");
File.Delete(peerCatalog);
var csv = files.All(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
var peerClock = Stopwatch.StartNew();
using (var peer = new DuckDB.NET.Data.DuckDBConnection($"Data Source={peerCatalog}"))
{
    peer.Open();
    CatalogConnection.Execute(peer, "SET memory_limit = '1GB'; SET preserve_insertion_order = false;");
    var list = string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'"));
    // DuckDB's own reader of the same files: read_csv for CSV sources, read_json for JSON Lines listings
    CatalogConnection.Execute(peer, csv
        ? $"CREATE TABLE t AS SELECT * FROM read_csv([{list}], union_by_name = true)"
        : $"CREATE TABLE t AS SELECT * FROM read_json([{list}], format = 'newline_delimited')");
}
var peerSeconds = peerClock.Elapsed.TotalSeconds;
File.Delete(peerCatalog);
Console.WriteLine($"DuckDB {(csv ? "read_csv" : "read_json")} into a table: {peerSeconds:F1} s ({read / peerSeconds:N0} records/s); import / DuckDB's reader = {seconds / peerSeconds:F2}x");
var peakMiB = importPeak / (1024.0 * 1024.0);
var rate = read / seconds;
Console.WriteLine($"imported {imported:N0} of {read:N0} records ({results.Sum(r => r.Rejected):N0} rejected) in {seconds:F1} s: {rate:N0} records/s, {bytes / 1e6 / seconds:F1} MB/s; peak working set {peakMiB:F0} MiB");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB available to .NET, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
var figures = new Dictionary<string, object>
{
    ["records"] = read,
    ["imported"] = imported,
    ["input_bytes"] = bytes,
    ["generated_with_parent"] = generatedWithParent,
    ["generated_parent_links"] = generatedLinks,
    ["generate_seconds"] = Math.Round(generateSeconds, 2),
    ["import_seconds"] = Math.Round(seconds, 2),
    ["records_per_second"] = Math.Round(rate),
    ["peak_working_set_mib"] = Math.Round(peakMiB),
    ["duckdb_read_json_seconds"] = Math.Round(peerSeconds, 2),
    ["import_over_read_json"] = Math.Round(seconds / peerSeconds, 2),
    ["cores"] = Environment.ProcessorCount,
    ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
};
File.WriteAllText(jsonOut, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"figures written to {Path.GetFullPath(jsonOut)}");
return 0;

/// <summary>Records when each import stage starts (synchronously, unlike Progress&lt;T&gt;).</summary>
internal sealed class StageClock(Stopwatch clock, List<string> stages) : IProgress<ImportProgress>
{
    private string _last = "";

    public void Report(ImportProgress value)
    {
        if (value.Stage != _last)
        {
            _last = value.Stage;
            stages.Add($"  {clock.Elapsed.TotalSeconds,7:F1} s  cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,7:F1} s  {value.Stage} {Path.GetFileName(value.Source)} ({value.Records:N0} records)");
        }
    }
}
