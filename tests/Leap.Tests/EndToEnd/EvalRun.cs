using System.Text.Json.Nodes;
using Kinship.Leap.Cli.Commands;
using Kinship.Leap.Evaluation;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>One <c>leap eval</c> run of the three-problem fixture through the CLI harness, with what it wrote and the requests watched servers saw meanwhile.</summary>
internal sealed record EvalRun(string OutDir, int ExitCode, string Output, IReadOnlyList<ServedRequest> Requests)
{
    public const int Paths = 2;
    public const ulong Seed = 7;

    /// <summary>
    /// <c>--max-concurrency 1</c>: the server decodes one request at a time, so a run's texts depend only on the seed. With
    /// concurrent requests they also depend on which requests share a llama.cpp batch (a token decoded beside another request's
    /// prefill goes through other matrix kernels, and the last bits of its logits can differ), and two runs may sample apart.
    /// </summary>
    public static readonly string[] OneRequestAtATime = ["--max-concurrency", "1"];

    /// <summary>The benchmark: three short word problems (JSON Lines).</summary>
    public static string Benchmark => Path.Combine(AppContext.BaseDirectory, "Fixtures", "stories-three.jsonl");

    /// <summary>The fixture's problems as (id, problem text, answer), in file order.</summary>
    public static IReadOnlyList<(string Id, string Problem, string Answer)> Problems =>
    [
        .. File.ReadLines(Benchmark).Select(l => JsonNode.Parse(l)!).Select(n => ((string)n["id"]!, (string)n["problem"]!, (string)n["answer"]!)),
    ];

    /// <summary>The seed path <paramref name="path"/> sends (the engine's per-path seed, as the HTTP backend puts it on the wire).</summary>
    public static long WireSeed(int path) => (long)(new Kinship.Leap.Engine.LeapOptions { Seed = Seed }.SamplingFor(path).Seed & 0x7FFF_FFFF);

    /// <summary>The tiny budget every run here uses: 2 paths, 2 segments of 16 tokens, 8-token summaries, 1 peer, raw template, seed 7.</summary>
    public static string[] Args(IEnumerable<string> backend, string outDir, params string[] extra) =>
    [
        "eval", "--benchmark", Benchmark, .. backend, "--template", "raw", "--paths", $"{Paths}", "--interval", "16", "--budget", "2",
        "--summary-tokens", "8", "--peers", "1", "--seed", $"{Seed}", "--out", outDir, .. extra,
    ];

    /// <summary>The endpoint options for <paramref name="endpoints"/> serving the tiny model.</summary>
    public static IEnumerable<string> Endpoints(params Uri[] endpoints) =>
        [.. endpoints.SelectMany(e => new[] { "--endpoint", e.ToString() }), "--served-model", ServedTinyModel.ModelName];

    /// <summary>Runs <c>leap eval</c> with <paramref name="args"/>, recording the requests <paramref name="watched"/> servers receive during it.</summary>
    public static async Task<EvalRun> RunAsync(string[] args, string outDir, params ServedTinyModel[] watched)
    {
        var before = watched.Select(s => s.Requests.Count).ToArray();
        var app = new CommandAppTester();
        app.Console.Width(400);
        using var errors = new StringWriter();
        app.Configure(c =>
        {
            c.UseStrictParsing();
            Kinship.Cli.CliErrorHandler.Install(c, args, errors, typeof(EvalCommand).Assembly); // as Program.cs: one stderr line, exit 1
            c.AddCommand<EvalCommand>("eval");
        });
        var result = await app.RunAsync(args, TestContext.Current.CancellationToken);
        var requests = watched.SelectMany((s, i) => s.Requests.Skip(before[i])).OrderBy(r => r.Arrived).ToArray();
        return new EvalRun(outDir, result.ExitCode, result.Output + errors, requests);
    }

    /// <summary>Runs against <paramref name="endpoints"/>, watching <paramref name="watched"/>.</summary>
    public static Task<EvalRun> AgainstAsync(ServedTinyModel watched, Uri[] endpoints, string outDir, params string[] extra) =>
        RunAsync(Args(Endpoints(endpoints), outDir, extra), outDir, watched);

    /// <summary>The lines of <c>results.jsonl</c>.</summary>
    public JsonObject[] Results => [.. File.ReadAllLines(Path.Combine(OutDir, EvaluationRunner.ResultsFile)).Select(l => JsonNode.Parse(l)!.AsObject())];

    /// <summary>The result lines without wall-clock fields, for comparing runs.</summary>
    public string[] StableResults => [.. Results.Select(r => Without(r, "seconds"))];

    /// <summary><c>summary.json</c>.</summary>
    public JsonObject Summary => JsonNode.Parse(File.ReadAllText(Path.Combine(OutDir, EvaluationRunner.SummaryFile)))!.AsObject();

    /// <summary>Every trace line of every problem without wall-clock fields (the engine's texts, summaries, routes and injections).</summary>
    public string[] StableTraces =>
    [
        .. Problems.SelectMany(p => File.ReadAllLines(Path.Combine(OutDir, EvaluationRunner.TraceName(p.Id)))
            .Select(l => Without(JsonNode.Parse(l)!.AsObject(), "seconds", "tokensPerSecond"))),
    ];

    private static string Without(JsonObject node, params string[] keys)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var key in keys)
        {
            copy.Remove(key);
        }
        return copy.ToJsonString();
    }
}
