using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Kinship.Leap.Bench;

// Leap.Bench: decode throughput (raw LLamaSharp loop, our batched backend, the LeaP engine during segments) and the
// prefill work of one LeaP round against re-sending the whole context. Prints figures and writes JSON.
//   dotnet run -c Release --project bench/Leap.Bench -- [--quick] [--json FILE] [--work DIR] [--threads N]
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage.Text);
    return 0;
}
var quick = args.Contains("--quick");
var json = Option("--json") ?? "leap-bench.json";
var work = Option("--work") ?? Path.Combine(Path.GetTempPath(), "kinship-leap-bench");
var threads = int.Parse(Option("--threads") ?? "2", CultureInfo.InvariantCulture);
Directory.CreateDirectory(work);
// llama.cpp logs every load in detail; the figures are what this program prints
LLama.Native.NativeLogConfig.llama_log_set(static (_, _) => { });

var stories = LocateStories();
if (stories is null)
{
    Console.Error.WriteLine("needs ../shared/models/stories260K.gguf beside the repository (or KINSHIP_SHARED)");
    return 2;
}

// issue 11: plain batched decode vs the raw C-API loop, and a whole LeaP run vs its replayed backend calls
//   dotnet run -c Release --project bench/Leap.Bench -- parity [--pairs 3] [--tokens 128] [--batches 1,4,8] [--thread-counts 1,2]
//     [--model stories260K|random-25M] [--interval T (of the LeaP run)] [--threads N (of the LeaP run)] [--no-parity] [--no-run] [--json FILE]
if (args.FirstOrDefault() == "parity")
{
    var pairs = int.Parse(Option("--pairs") ?? "3", CultureInfo.InvariantCulture);
    var parityTokens = int.Parse(Option("--tokens") ?? "128", CultureInfo.InvariantCulture);
    int[] List(string? text, int[] fallback) => text is null ? fallback : [.. text.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
    var modelName = Option("--model") ?? "stories260K";
    var parityModel = modelName switch
    {
        "stories260K" => stories,
        "random-25M" => Random25M(),
        var other => throw new ArgumentException($"--model {other}: expected stories260K or random-25M"),
    };
    // the LeaP runs: N = 8, M = 3 with T = 128 on stories260K and T = 256 on the 25M model
    var interval = int.Parse(Option("--interval") ?? (modelName == "random-25M" ? "256" : "128"), CultureInfo.InvariantCulture);
    var parity = args.Contains("--no-parity") ? [] : await DecodeParityBenchmarks.RunAsync(
        parityModel, parityTokens, pairs, List(Option("--batches"), [1, 4, 8]), List(Option("--thread-counts"), [1, 2]));
    var leapRun = args.Contains("--no-run") ? null : await LeapRunBenchmarks.RunAsync(parityModel, 8, interval, 3, threads, pairs);
    await WriteReportAsync(new { machine = Machine(), parity, leapRun }, Option("--json") ?? "leap-parity.json");
    return 0;
}

// issue 11: `leap serve`'s scheduler, C concurrent requests vs the raw C-API loop, and n = 8 vs n = 1 on a long prompt
//   dotnet run -c Release --project bench/Leap.Bench -- serve [--pairs 3] [--concurrent 8] [--tokens 128] [--prompt-tokens 1500] [--threads N] [--json FILE]
if (args.FirstOrDefault() == "serve")
{
    var pairs = int.Parse(Option("--pairs") ?? "3", CultureInfo.InvariantCulture);
    var serveTokens = int.Parse(Option("--tokens") ?? "128", CultureInfo.InvariantCulture);
    ServeBenchmarks.FlashAttention = Option("--flash-attn") switch { "on" => true, "off" => false, _ => null };
    var concurrent = args.Contains("--no-concurrent") ? null : await ServeBenchmarks.ConcurrentAsync(
        stories, int.Parse(Option("--concurrent") ?? "8", CultureInfo.InvariantCulture), serveTokens, threads, pairs);
    var longPrompt = args.Contains("--no-long") ? null : await ServeBenchmarks.LongPromptAsync(
        stories, int.Parse(Option("--prompt-tokens") ?? "1500", CultureInfo.InvariantCulture), serveTokens, threads, pairs);
    await WriteReportAsync(new { machine = Machine(), concurrent, longPrompt }, Option("--json") ?? "leap-serve.json");
    return 0;
}

var model25M = Random25M();
// stories260K's shape with random weights and a 32K trained context, for prefill at 4K and 16K tokens
var tinyLong = Path.Combine(work, "random-llama-260k-32k-h1.gguf");
// one head of width 64: stories260K's 8 heads of width 8 make long-context attention pathologically slow in ggml
var shapeTiny = new RandomLlamaModel.Shape(64, 5, 1, 1, 172, 32_768);
if (!File.Exists(tinyLong))
{
    RandomLlamaModel.Write(stories, tinyLong, shapeTiny, seed: 260);
}

var decode = new List<object>();
var engine = new List<object>();
var only = Option("--only");
foreach (var (label, path, tokens) in new[] { ("stories260K", stories, quick ? 64 : 256), ("random-25M", model25M, quick ? 32 : 128) }.Where(m => only is null || m.Item1 == only))
{
    // alternate the two loops and keep the faster run of each: the machine is shared, so single runs are noisy
    var raw = await DecodeBenchmarks.RawLoopAsync(path, 8, tokens, threads);
    var ours = await DecodeBenchmarks.BackendLoopAsync(path, 8, tokens, threads);
    var raw2 = await DecodeBenchmarks.RawLoopAsync(path, 8, tokens, threads);
    var ours2 = await DecodeBenchmarks.BackendLoopAsync(path, 8, tokens, threads);
    raw = raw2.TokensPerSecond > raw.TokensPerSecond ? raw2 : raw;
    ours = ours2.TokensPerSecond > ours.TokensPerSecond ? ours2 : ours;
    Print(label, raw);
    Print(label, ours);
    Console.WriteLine($"  {label}: backend / raw = {ours.TokensPerSecond / raw.TokensPerSecond:P1}");
    decode.Add(new { model = label, raw.Loop, raw.Sequences, raw.TokensPerSequence, raw.Decoded, raw.Seconds, raw.TokensPerSecond });
    decode.Add(new { model = label, ours.Loop, ours.Sequences, ours.TokensPerSequence, ours.Decoded, ours.Seconds, ours.TokensPerSecond });

    foreach (var flash in label == "stories260K" ? new bool?[] { null, true } : [null])
    {
        var (first, segments, whole, plain, rounds) = await DecodeBenchmarks.EngineAsync(path, 8, tokens, summaryTokens: quick ? 16 : 32, threads, flash);
        var fa = flash is null ? "fa=auto" : "fa=on";
        Print(label + " " + fa, plain);
        Print(label + " " + fa, first);
        Print(label + " " + fa, segments);
        Print(label + " " + fa, whole);
        Console.WriteLine($"  {label} {fa}: engine segment 1 / plain loop = {first.TokensPerSecond / plain.TokensPerSecond:P1}, all segments (with their comment prefill) / plain loop = {segments.TokensPerSecond / plain.TokensPerSecond:P1} (target >= 90%), rounds = {rounds}");
        engine.Add(new
        {
            model = label, flashAttention = fa, paths = 8, interval = tokens, promptAndContext = DecodeBenchmarks.EngineContext(path),
            plainLoopTokensPerSecond = plain.TokensPerSecond, firstSegmentTokensPerSecond = first.TokensPerSecond,
            segmentsTokensPerSecond = segments.TokensPerSecond, wholeRunTokensPerSecond = whole.TokensPerSecond,
            firstSegmentShare = first.TokensPerSecond / plain.TokensPerSecond, segmentsShare = segments.TokensPerSecond / plain.TokensPerSecond, rounds,
        });
    }
}

var prefill = new List<PrefillBenchmarks.Figures>();
if (args.Contains("--no-prefill"))
{
    return 0;
}
foreach (var context in quick ? new[] { 4096 } : [4096, 16384])
{
    prefill.Add(await PrefillBenchmarks.RunAsync(tinyLong, "random-260K-32k", context, 256, 4, threads));
}
prefill.Add(await PrefillBenchmarks.RunAsync(model25M, "random-25M", quick ? 1024 : 4096, 256, 4, threads));
foreach (var p in prefill)
{
    Console.WriteLine(
        $"prefill  {p.Model,-16} context {p.ContextTokens,6}: one round prefills {p.OursPrefilled,5} tokens ({p.TriggerTokens} trigger + {p.CommentTokens} comments) in {p.OursSeconds:F3}s; " +
        $"re-sending prefills {p.ResendPrefilled,6} tokens ({p.TokenRatio:F1}x), the context alone took {p.ResendContextSeconds:F3}s");
}

var machine = new
{
    cpu = CpuModel(),
    cores = Environment.ProcessorCount,
    threads,
    os = RuntimeInformation.OSDescription,
    runtime = RuntimeInformation.FrameworkDescription,
    command = "dotnet run -c Release --project bench/Leap.Bench -- " + string.Join(' ', args),
    utc = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
};
var report = new { machine, decode, engine, prefill };
var temp = json + ".tmp";
await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
File.Move(temp, json, overwrite: true);
Console.WriteLine($"wrote {Path.GetFullPath(json)}");
return 0;

// the 25M model is not in ../shared: the same shape with random weights (written once into --work)
string Random25M()
{
    var path = Path.Combine(work, "random-llama-25m.gguf");
    if (!File.Exists(path))
    {
        Console.WriteLine($"writing {path} ({RandomLlamaModel.Parameters(RandomLlamaModel.Default25M, 512):N0} parameters, random weights) ...");
        RandomLlamaModel.Write(stories, path, RandomLlamaModel.Default25M, seed: 25);
    }
    return path;
}

// what every issue-11 report records: the machine, the threads, the exact command, when, and the load average
object Machine() => new
{
    cpu = CpuModel(), cores = Environment.ProcessorCount, threads, defaultThreads = Kinship.Leap.Backends.Llama.LlamaBackendOptions.DefaultThreads,
    command = "dotnet run -c Release --project bench/Leap.Bench -- " + string.Join(' ', args), utc = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
    load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown",
};

static async Task WriteReportAsync(object report, string path)
{
    await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    File.Move(path + ".tmp", path, overwrite: true);
    Console.WriteLine($"wrote {Path.GetFullPath(path)}");
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static void Print(string model, DecodeBenchmarks.Figures f) =>
    Console.WriteLine($"decode   {model,-20} {f.Loop,-17} {f.Sequences} x {f.TokensPerSequence,4} tokens: {f.Decoded,6} decoded in {f.Seconds,7:F3}s = {f.TokensPerSecond,8:F1} tokens/s");

static string? LocateStories()
{
    var env = Environment.GetEnvironmentVariable("KINSHIP_SHARED");
    if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "models", "stories260K.gguf")))
    {
        return Path.Combine(env, "models", "stories260K.gguf");
    }
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kinship.slnx")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "models", "stories260K.gguf");
                return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }
    }
    return null;
}

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
    }
    catch (IOException)
    {
        return "unknown";
    }
}
