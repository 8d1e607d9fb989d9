// Simulator throughput: models per second with the output discarded (pure generation) and written to a file,
// with and without cards. Usage: Kinship.Lineage.Simulate.Bench [models=2000000] [out-folder=.] [cards-models=200000]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Kinship.Lineage.Simulation;

var models = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
var folder = args.Length > 1 ? args[1] : ".";
var cardModels = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
var results = new List<object>();

void Measure(string scenario, SimulationOptions options, string? path)
{
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var summary = path is null
        ? EcosystemSimulator.Write(options, Stream.Null)
        : EcosystemSimulator.WriteFile(options, path);
    clock.Stop();
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    var perSecond = options.Models / clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario,-24} {options.Models,10:N0} models  {clock.Elapsed.TotalSeconds,7:0.00} s wall  {cpu.TotalSeconds,7:0.00} s cpu  {perSecond,12:N0} models/s  {summary.Bytes / 1048576.0,9:0.0} MiB  peak {process.PeakWorkingSet64 / 1048576.0:0} MiB  largest family {summary.LargestFamilies[0].Size:N0}"));
    results.Add(new
    {
        scenario,
        models = options.Models,
        wallSeconds = clock.Elapsed.TotalSeconds,
        cpuSeconds = cpu.TotalSeconds,
        modelsPerSecond = perSecond,
        bytes = summary.Bytes,
        peakWorkingSetBytes = process.PeakWorkingSet64,
        modelsWithParent = summary.ModelsWithParent,
        largestFamilies = summary.LargestFamilies.Select(f => f.Size).ToArray(),
        maxDepth = summary.MaxDepth,
    });
    if (path is not null) File.Delete(path);
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Measure("generate (discarded)", new SimulationOptions { Models = models, Seed = 1 }, null);
Measure("generate to file", new SimulationOptions { Models = models, Seed = 1 }, Path.Combine(folder, "bench-simulate.jsonl"));
Measure("generate with cards", new SimulationOptions { Models = cardModels, Seed = 1, Cards = true }, null);

var json = Path.Combine(folder, "bench-simulate.json");
File.WriteAllText(json, JsonSerializer.Serialize(new
{
    machine = new { cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = RuntimeInformation.FrameworkDescription },
    date = DateTimeOffset.UtcNow,
    results,
}, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {json}");
