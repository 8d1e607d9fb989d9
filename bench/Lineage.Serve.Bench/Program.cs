// `lineage serve` at Hub scale: search latency and a model page's first paint (the three API calls the page makes:
// /api/model, the ancestry, and the depth-2 descendant tree with the first 100 children per node), measured as HTTP
// round trips on loopback against the real server, for the root of the largest family and other models. Peers in the
// same run: the same search as a DuckDB query over the catalog, and the unpaged depth-2 tree of `lineage tree`.
// Usage: Kinship.Lineage.Serve.Bench --catalog FILE [--reps N] [--out FILE]
// (build the catalog with `lineage simulate --models 2000000 --out hub.jsonl && lineage import hub.jsonl --catalog FILE`)
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Web;

string? catalogPath = null;
var reps = 21;
var output = "serve-bench.json";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--catalog" when i + 1 < args.Length: catalogPath = args[++i]; break;
        case "--reps" when i + 1 < args.Length: reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: --catalog FILE [--reps N] [--out FILE]");
            return 2;
    }
}
if (catalogPath is null)
{
    Console.Error.WriteLine("--catalog FILE is required");
    return 2;
}

var figures = new Dictionary<string, object>
{
    ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
    ["loadAverageAtStart"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a",
    ["catalog"] = catalogPath,
    ["reps"] = reps,
};
var clock = Stopwatch.StartNew();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var catalog = ExplorerCatalog.Open(catalogPath);
figures["loadSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
figures["loadCpuSeconds"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 2);
GC.Collect();
figures["managedHeapMiB"] = GC.GetTotalMemory(true) >> 20;
figures["workingSetMiB"] = Process.GetCurrentProcess().WorkingSet64 >> 20;
var graph = catalog.Graph;
figures["models"] = graph.NodeCount;
figures["edges"] = graph.EdgeCount;
Console.WriteLine($"loaded {graph.NodeCount:N0} models, {graph.EdgeCount:N0} edges in {figures["loadSeconds"]} s ({figures["workingSetMiB"]} MiB working set)");

// Models to open: the root of the largest family, the model with most children, and a generation-2 model of that family.
var analysis = catalog.Analysis;
var largest = Enumerable.Range(0, analysis.Families.Count).MaxBy(f => analysis.Families.Sizes[f]);
var root = analysis.FamilyRoots[largest];
var widest = Enumerable.Range(0, graph.NodeCount).MaxBy(graph.OutDegree);
var deep = Enumerable.Range(0, graph.NodeCount).First(v => analysis.Families.Of[v] == largest && analysis.Generation[v] == 2);
figures["largestFamily"] = new { root = graph.IdOf(root), size = analysis.Families.Sizes[largest], children = graph.OutDegree(root) };
Console.WriteLine($"largest family: {graph.IdOf(root)} ({analysis.Families.Sizes[largest]:N0} models, {graph.OutDegree(root):N0} children); most children: {graph.IdOf(widest)} ({graph.OutDegree(widest):N0})");

await using var server = await ExplorerServer.StartAsync(catalog, new ExplorerOptions(Port: 0));
using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };

// Wall-clock median and max of `reps` calls, and the process CPU time per call (server and client share this process;
// CPU time is what the request costs whatever else the shared machine runs).
async Task<(double Median, double Max, long Bytes, double CpuMs)> Time(Func<Task<long>> call)
{
    await call(); // warm-up (JIT, caches)
    var samples = new double[reps];
    long bytes = 0;
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    for (var r = 0; r < reps; r++)
    {
        var t = Stopwatch.GetTimestamp();
        bytes = await call();
        samples[r] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / reps;
    Array.Sort(samples);
    return (Math.Round(samples[reps / 2], 2), Math.Round(samples[^1], 2), bytes, Math.Round(cpuMs, 2));
}
async Task<long> Get(string path)
{
    var body = await http.GetByteArrayAsync(path);
    return body.Length;
}

var rootId = graph.IdOf(root);
var name = rootId[(rootId.IndexOf('/', StringComparison.Ordinal) + 1)..];
var author = rootId[..rootId.IndexOf('/', StringComparison.Ordinal)];
string[] queries = [rootId, name, name[..Math.Min(5, name.Length)], author + "/", "lm", "-vision-"];
var search = new List<object>();
using var duck = new DuckDBConnection($"Data Source={catalogPath};ACCESS_MODE=READ_ONLY");
duck.Open();
foreach (var q in queries)
{
    var api = await Time(() => Get("api/search?limit=20&q=" + Uri.EscapeDataString(q)));
    var total = JsonDocument.Parse(await http.GetStringAsync("api/search?limit=20&q=" + Uri.EscapeDataString(q))).RootElement.GetProperty("total").GetInt32();
    var peer = await Time(() =>
    {
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT id, downloads FROM models WHERE contains(lower(id), $q) ORDER BY downloads DESC NULLS LAST, id LIMIT 20";
        command.Parameters.Add(new DuckDBParameter("q", q.ToLowerInvariant()));
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            rows++;
        }
        return Task.FromResult(rows);
    });
    Console.WriteLine($"search {q,-40} {total,9:N0} matches  median {api.Median,7:F2} ms (max {api.Max,7:F2}, CPU {api.CpuMs,6:F2} ms/call)  duckdb peer {peer.Median,7:F2} ms (CPU {peer.CpuMs,6:F2})  ratio {peer.Median / api.Median:F1}x");
    search.Add(new { query = q, matches = total, medianMs = api.Median, maxMs = api.Max, cpuMsPerCall = api.CpuMs, duckdbPeerMedianMs = peer.Median, duckdbPeerCpuMs = peer.CpuMs });
}
figures["search"] = search;

var pages = new List<object>();
foreach (var (label, node) in new[] { ("root of the largest family", root), ("most children", widest), ("generation 2 of the largest family", deep) })
{
    var id = Uri.EscapeDataString(graph.IdOf(node)).Replace("%2F", "/", StringComparison.Ordinal);
    var model = await Time(() => Get("api/model/" + id));
    var up = await Time(() => Get("api/tree/" + id + "?up=64&down=0"));
    var down = await Time(() => Get("api/tree/" + id + "?up=0&down=2&limit=100"));
    var page = await Time(async () =>
    {
        var parts = await Task.WhenAll(Get("api/model/" + id), Get("api/tree/" + id + "?up=64&down=0"), Get("api/tree/" + id + "?up=0&down=2&limit=100"));
        return parts.Sum();
    });
    var peer = await Time(() => Task.FromResult((long)LineageTreeBuilder.Build(catalog.Snapshot, node, up: false, down: true, 2, includeExternal: false).ModelIds().Count));
    Console.WriteLine($"page  {label,-36} {graph.IdOf(node)}: first paint (3 calls in parallel) median {page.Median:F2} ms (max {page.Max:F2}, CPU {page.CpuMs:F2} ms, {page.Bytes / 1024:N0} KiB); model {model.Median:F2}, ancestry {up.Median:F2}, tree {down.Median:F2} ms; unpaged depth-2 LineageTreeBuilder peer {peer.Median:F2} ms ({peer.Bytes:N0} models)");
    pages.Add(new { label, id = graph.IdOf(node), children = graph.OutDegree(node), firstPaintMedianMs = page.Median, firstPaintMaxMs = page.Max, firstPaintCpuMs = page.CpuMs, bytes = page.Bytes,
        modelMedianMs = model.Median, ancestryMedianMs = up.Median, treeMedianMs = down.Median, unpagedTreeBuilderPeerMedianMs = peer.Median, unpagedTreeBuilderPeerCpuMs = peer.CpuMs, unpagedTreeModels = peer.Bytes });
}
figures["pages"] = pages;
var family = await Time(() => Get("api/family/" + Uri.EscapeDataString(rootId).Replace("%2F", "/", StringComparison.Ordinal)));
figures["familyLargestMedianMs"] = family.Median;
Console.WriteLine($"family page of the largest family: median {family.Median:F2} ms (first call computes and caches)");
figures["loadAverageAtEnd"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
await File.WriteAllTextAsync(output, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");
return 0;
