using System.Diagnostics;
using System.Reflection;
using Kinship.Leap.Cli.Solve;

namespace Kinship.Leap.Tests.Cli;

/// <summary>The exit-code scheme of <c>leap</c>, pinned on the real binary: 0 ok, 1 runtime failure, 2 usage error, 130 Ctrl+C.</summary>
public sealed class ExitCodeTests
{
    public static TheoryData<string> Commands => ["solve", "eval", "grade", "serve"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_option_is_a_usage_error_on_one_stderr_line(string command)
    {
        var result = await CliProcess.RunToolAsync("leap", command, "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
        Assert.Contains("no-such-option", result.Errors, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("error: --paths expects a whole number (got 'four')", "eval", "--paths", "four")]
    [InlineData("error: --temp expects a number (got 'warm')", "solve", "--temp", "warm", "2+2?")]
    [InlineData("error: -np/--parallel must be between 2 and 256 (got 1)", "serve", "-m", "m.gguf", "-np", "1")]
    [InlineData("error: --peers must be less than --paths: each of N = 2 paths hears at most 1 peer(s) (got --peers 2)", "solve", "-m", "m.gguf", "--paths", "2", "--peers", "2", "2+2?")]
    [InlineData("error: --input expects a JSON Lines file of predictions (got none)", "grade")]
    [InlineData("error: -n expects a whole number (got 'many')", "eval", "-n", "many")]
    public async Task Usage_errors_name_the_option_and_what_it_expects(string message, params string[] args)
    {
        var result = await CliProcess.RunToolAsync("leap", args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message["error: ".Length..], result.Errors, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_and_solve_share_one_option_set()
    {
        var solve = typeof(SolveSettings).GetProperties().Where(p => p.DeclaringType == typeof(Kinship.Leap.Cli.Options.EngineSettings)).Select(p => p.Name).ToHashSet();
        var eval = typeof(Kinship.Leap.Cli.Commands.EvalSettings).GetProperties().Where(p => p.DeclaringType == typeof(Kinship.Leap.Cli.Options.EngineSettings)).Select(p => p.Name).ToHashSet();
        Assert.Equal(solve, eval);
        Assert.Contains("Peers", solve);

        // --template deepseek-r1 (the README's vLLM example) parses on eval: the run gets as far as the unreachable server (1), not a usage error (2)
        var result = await CliProcess.RunToolAsync("leap", "eval", "--benchmark", SharedData.RequireFile("data/benchmarks/aime2024.json"),
            "--endpoint", "http://127.0.0.1:9", "--served-model", "m", "--template", "deepseek-r1", "--retries", "0", "--limit", "1",
            "--out", Path.Combine(Path.GetTempPath(), $"kinship-eval-{Guid.NewGuid():N}"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_informational_version_and_exits_0()
    {
        var result = await CliProcess.RunToolAsync("leap", "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(typeof(SolveSettings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, result.Output.Trim());
    }

    [Fact]
    public async Task Ctrl_c_stops_the_server_with_exit_130()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGINT");
        var model = SharedData.RequireFile("models/stories260K.gguf");
        var start = new ProcessStartInfo(CliProcess.Tool("leap"), ["serve", "-m", model, "--port", "0", "-c", "256", "-np", "2"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(hang.Token) is { } line && !line.StartsWith("serving ", StringComparison.Ordinal))
            {
            }
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(hang.Token);
            }
            await process.WaitForExitAsync(hang.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(130, process.ExitCode);
    }

    // bad lines are a runtime failure (1): each one is an error line on stderr, the summary stays on stdout as the result
    [Fact]
    public async Task Grade_of_bad_lines_exits_1_with_the_errors_on_stderr_only()
    {
        var dir = Directory.CreateTempSubdirectory("kinship-exit-").FullName;
        try
        {
            var input = Path.Combine(dir, "bad.jsonl");
            File.WriteAllLines(input, ["""{"prediction": "42", "answer": "42"}""", "not json"]);
            var result = await CliProcess.RunToolAsync("leap", "grade", "--input", input, "--output", Path.Combine(dir, "graded.jsonl"));

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
            Assert.Contains($"{input}:2", result.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Output.ReplaceLineEndings("\n").Split('\n'), line => line.StartsWith("error", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("graded 1 lines: 1 correct (100.00%), 0 without an answer, 1 bad lines skipped", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
