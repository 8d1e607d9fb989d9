using System.Text.Json.Nodes;
using Kinship.Leap.Cli.Commands;
using Kinship.Leap.Tests.Backends.OpenAi;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Leap.Tests.Cli;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leap-evalcmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Console.Width(400);
        app.Configure(c =>
        {
            c.UseStrictParsing();
            c.AddCommand<EvalCommand>("eval");
        });
        return app;
    }

    private static string[] TinyArgs(string model, string benchmark, string outDir) =>
    [
        "eval", "--benchmark", benchmark, "--model", model, "--template", "raw", "--paths", "2", "--interval", "12", "--budget", "2",
        "--summary-tokens", "6", "--peers", "1", "--limit", "3", "--seed", "5", "--out", outDir,
    ];

    /// <summary>A result line without wall-clock fields, for comparing runs.</summary>
    private static string Stable(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        node.Remove("seconds");
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_killed_eval_resumes_and_ends_with_the_same_results_as_an_uninterrupted_run()
    {
        var model = SharedData.RequireFile("models/stories260K.gguf");
        var benchmark = SharedData.RequireFile("data/benchmarks/aime2024.json");
        var whole = Path.Combine(_dir, "whole");
        var killed = Path.Combine(_dir, "killed");

        var full = await App().RunAsync(TinyArgs(model, benchmark, whole), TestContext.Current.CancellationToken);
        Assert.Equal(0, full.ExitCode);

        using var kill = new CancellationTokenSource();
        var results = Path.Combine(killed, "results.jsonl");
        var watcher = Task.Run(async () =>
        {
            while (!kill.IsCancellationRequested)
            {
                if (File.Exists(results) && new FileInfo(results).Length > 0)
                {
                    await kill.CancelAsync();
                    return;
                }
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        var interrupted = await App().RunAsync(TinyArgs(model, benchmark, killed), kill.Token);
        await watcher;
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("rerun the same command to resume", interrupted.Output, StringComparison.Ordinal);
        var partial = File.ReadAllLines(results);
        Assert.InRange(partial.Length, 1, 2);
        Assert.False(File.Exists(Path.Combine(killed, "summary.json")));

        var resumed = await App().RunAsync(TinyArgs(model, benchmark, killed), TestContext.Current.CancellationToken);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("(from an earlier run)", resumed.Output, StringComparison.Ordinal);

        var expected = File.ReadAllLines(Path.Combine(whole, "results.jsonl")).Select(Stable).ToArray();
        var actual = File.ReadAllLines(results).Select(Stable).ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(partial, File.ReadAllLines(results)[..partial.Length]);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(killed, "summary.json")))!;
        Assert.Equal(3, (int)summary["problems"]!);
        Assert.Equal(2, (int)summary["paths"]!);
        Assert.True(File.Exists(Path.Combine(killed, "traces", "2024-I-3.jsonl")));
    }

    [Fact]
    public async Task Run_json_records_the_self_trigger_mode_and_a_resume_with_another_mode_is_refused()
    {
        var model = SharedData.RequireFile("models/stories260K.gguf");
        var benchmark = SharedData.RequireFile("data/benchmarks/aime2024.json");
        var outDir = Path.Combine(_dir, "self-trigger");
        string[] Args(string mode) =>
        [
            "eval", "--benchmark", benchmark, "--model", model, "--template", "raw", "--paths", "2", "--interval", "12", "--budget", "2",
            "--summary-tokens", "6", "--peers", "1", "--limit", "1", "--seed", "5", "--self-trigger", "--self-trigger-mode", mode,
            "--rounds", "1", "--out", outDir,
        ];

        var first = await CliProcess.RunToolAsync("leap", Args("continue"));
        Assert.Equal(0, first.ExitCode);
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")))!;
        Assert.Equal((true, "continue", "1"), ((bool)run["selfTrigger"]!, (string?)run["selfTriggerMode"], (string?)run["rounds"]));
        Assert.Null(run["dropLastParagraph"]); // the default: paragraph dropping on
        var results = File.ReadAllText(Path.Combine(outDir, "results.jsonl"));

        var other = await CliProcess.RunToolAsync("leap", Args("replace"));

        Assert.Equal(1, other.ExitCode);
        Assert.EndsWith("run.json: field 'selfTriggerMode': this folder holds a run with selfTriggerMode = \"continue\", not \"replace\"; resume with the same settings or choose another --out",
            other.OneErrorLine(), StringComparison.Ordinal);
        Assert.Equal(results, File.ReadAllText(Path.Combine(outDir, "results.jsonl")));
    }

    [Fact]
    public async Task Eval_against_an_endpoint_grades_the_paths_own_boxed_answers()
    {
        var benchmark = SharedData.RequireFile("data/benchmarks/aime2024.json");
        await using var server = await ScriptedCompletionServer.StartAsync((context, body, _) =>
            ScriptedCompletionServer.StreamAsync(
                context,
                [.. Enumerable.Repeat<IReadOnlyList<string>>(["So", " the answer is", " \\boxed{204}."], (int)body["n"]!)],
                "stop", null, promptTokens: 300));
        var outDir = Path.Combine(_dir, "http");

        var result = await App().RunAsync(
            ["eval", "--benchmark", benchmark, "--endpoint", server.Url.ToString(), "--served-model", "tiny", "--template", "chatml",
             "--paths", "3", "--interval", "64", "--budget", "2", "--limit", "2", "--out", outDir],
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(outDir, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["2024-I-1", "2024-I-2"], lines.Select(l => (string)l["id"]!));
        Assert.Equal([true, false], lines.Select(l => (bool)l["voteCorrect"]!));
        Assert.All(lines, l => Assert.Equal(["204", "204", "204"], l["paths"]!.AsArray().Select(p => (string)p!["answer"]!)));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        Assert.Equal(0.5, (double)summary["pass@1"]!);
        Assert.Equal(0.5, (double)summary["cons@N"]!);
        Assert.Equal(2 * 3 * 3, (long)summary["tokens"]!["decoded"]!);
        // The three paths of a problem share one request (n = 3) carrying the whole prompt.
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal(3, (int)r["n"]!));
        Assert.Contains("Every morning Aya goes for a $9$-kilometer-long walk", (string)requests[0]["prompt"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_with_an_endpoint_that_is_down_is_one_error_naming_the_url()
    {
        var benchmark = SharedData.RequireFile("data/benchmarks/aime2024.json");
        var port = FreePort();
        var result = await CliProcess.RunToolAsync("leap",
            "eval", "--benchmark", benchmark, "--endpoint", $"http://127.0.0.1:{port}", "--served-model", "tiny", "--template", "deepseek-r1",
            "--paths", "2", "--interval", "16", "--budget", "1", "--limit", "1", "--retries", "1", "--out", Path.Combine(_dir, "down"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: http://127.0.0.1:{port}/v1/completions: still failing after 1 retries: cannot connect", result.Errors, StringComparison.Ordinal);
        Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Eval_settings_name_every_problem()
    {
        var result = await App().RunAsync(["eval", "--benchmark", "/nope.json", "--method", "vote", "--paths", "0"], TestContext.Current.CancellationToken);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--benchmark: no such file {Path.GetFullPath("/nope.json")}", result.Output, StringComparison.Ordinal);
        Assert.Contains("--out expects a folder for the results (got none)", result.Output, StringComparison.Ordinal);
        Assert.Contains("give either -m/--model FILE.gguf or --endpoint URL", result.Output, StringComparison.Ordinal);
        Assert.Contains("--method must be leap or independent (got 'vote')", result.Output, StringComparison.Ordinal);
        Assert.Contains("--paths must be at least 1 (got 0)", result.Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Eval_without_a_benchmark_or_with_a_file_as_its_output_folder_is_a_usage_error_before_any_work()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kinship-eval-out-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "keep me\n", TestContext.Current.CancellationToken);
        try
        {
            var none = await CliProcess.RunToolAsync("leap", "eval", "-m", SharedData.RequireFile("models/stories260K.gguf"), "--out", Path.GetTempPath() + "kinship-never");
            var fileOut = await CliProcess.RunToolAsync("leap", "eval", "--benchmark", SharedData.RequireFile("data/benchmarks/aime2024.json"),
                "-m", SharedData.RequireFile("models/stories260K.gguf"), "--out", file);

            Assert.Equal((2, "error: --benchmark expects a benchmark file, JSON or JSON Lines (got none)\n", ""), (none.ExitCode, none.Errors, none.Output));
            Assert.Equal((2, $"error: --out expects a folder but {file} is a file\n", ""), (fileOut.ExitCode, fileOut.Errors, fileOut.Output));
            Assert.Equal("keep me\n", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
