using System.Text.Json;
using Kinship.Leap.Cli.Solve;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Leap.Tests.Cli;

public sealed class SolveCommandTests
{
    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<SolveCommand>("solve");
        });
        return app;
    }

    private static string[] Tiny(params string[] extra) =>
    [
        "solve", "--model", SharedData.RequireFile("models/stories260K.gguf"), "--template", "raw",
        "--paths", "3", "--interval", "16", "--budget", "2", "--summary-tokens", "8", "--seed", "9", .. extra, "Once upon a time, a fox counted the stars.",
    ];

    [Fact]
    public async Task Json_output_has_the_documented_fields_and_repeats_byte_for_byte()
    {
        var first = await App().RunAsync(Tiny("--json", "--no-timings"), TestContext.Current.CancellationToken);
        var second = await App().RunAsync(Tiny("--json", "--no-timings"), TestContext.Current.CancellationToken);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        using var json = JsonDocument.Parse(first.Output);
        var root = json.RootElement;
        Assert.Equal(["paths", "rounds", "vote", "promptTokens"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("paths").GetArrayLength());
        Assert.Equal(["index", "text", "answer", "finished", "tokensDecoded", "tokensPrefilled"],
            root.GetProperty("paths")[0].EnumerateObject().Select(p => p.Name));
        var route = root.GetProperty("rounds")[0].GetProperty("routes")[0];
        Assert.Equal(["path", "peers", "similarities"], route.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, route.GetProperty("peers").GetArrayLength());
    }

    [Fact]
    public async Task Plain_output_shows_segments_a_routing_line_answers_and_the_vote_and_the_trace_lands()
    {
        var trace = Path.Combine(Path.GetTempPath(), $"leap-trace-{Guid.NewGuid():N}.jsonl");
        try
        {
            var result = await App().RunAsync(Tiny("--trace", trace), TestContext.Current.CancellationToken);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("path 0 segment 0: ", result.Output, StringComparison.Ordinal);
            Assert.Contains("round 1: 0 ← ", result.Output, StringComparison.Ordinal);
            Assert.Contains("vote: ", result.Output, StringComparison.Ordinal);
            Assert.Contains("tokens/s", result.Output, StringComparison.Ordinal);
            var kinds = File.ReadAllLines(trace).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "start", "segment", "summary", "routing", "injection", "forced-answer", "finish", "path", "end" }, kinds);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(trace))!, "." + Path.GetFileName(trace) + ".*.tmp"));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Theory]
    [InlineData("--paths", "0", "--paths must be at least 1 (got 0)")]
    [InlineData("--router", "nearest", "--router must be dispersed, clustered, hybrid, random or all (got 'nearest')")]
    [InlineData("--similarity", "cosine", "--similarity must be levenshtein or indel (got 'cosine')")]
    [InlineData("--template", "vicuna", "--template must be backend, chatml, deepseek-r1, llama3 or raw (got 'vicuna')")]
    [InlineData("--top-p", "1.5", "--top-p must be in (0, 1] (got 1.5)")]
    [InlineData("--interval", "100000", "lower --interval, --budget (or -n/--n-predict), --summary-tokens or --peers")]
    [InlineData("--peers", "3", "--peers must be less than --paths: each of N = 3 paths hears at most 2 peer(s) (got --peers 3)")]
    [InlineData("--temp", "-1", "--temp must be a finite number ≥ 0 (got -1)")]
    [InlineData("--top-k", "-1", "--top-k must be ≥ 0, 0 meaning no cut-off (got -1)")]
    [InlineData("--threads", "0", "-t/--threads must be at least 1 (got 0)")]
    public async Task Impossible_settings_fail_with_one_clear_message(string option, string value, string message)
    {
        var result = await App().RunAsync(Tiny(option, value), TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_file_is_one_clear_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model.gguf");
        var result = await App().RunAsync(["solve", "--model", missing, "2+2?"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("-m/--model: no such file " + missing, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_gguf_is_one_clear_error()
    {
        var notGguf = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(notGguf, "this is a text file, long enough to hold a header", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliProcess.RunToolAsync("leap", "solve", "--model", notGguf, "2+2?");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("is not a GGUF model file", result.Errors, StringComparison.Ordinal);
            Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("", result.Output);
        }
        finally
        {
            File.Delete(notGguf);
        }
    }

    [Fact]
    public async Task A_model_without_a_chat_template_asks_for_one()
    {
        var result = await CliProcess.RunToolAsync("leap", "solve", "-m", SharedData.RequireFile("models/stories260K.gguf"), "2+2?");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Errors, StringComparison.Ordinal);
        Assert.Contains("carries no chat template; choose one with --template", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_problem_comes_from_the_argument_or_a_file_not_both()
    {
        var model = SharedData.RequireFile("models/stories260K.gguf");
        var both = await App().RunAsync(["solve", "--model", model, "--file", "p.txt", "2+2?"], TestContext.Current.CancellationToken);
        var neither = await App().RunAsync(["solve", "--model", model], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, both.ExitCode);
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("either as an argument or with -f/--file", neither.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_option_and_the_expected_value_and_exits_2()
    {
        var result = await CliProcess.RunToolAsync("leap", "solve", "-m", "m.gguf", "-t", "abc", "2+2?");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: -t expects a whole number (got 'abc')\n", result.Errors.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_directory_given_as_the_model_is_called_a_directory()
    {
        var result = await CliProcess.RunToolAsync("leap", "solve", "-m", Path.GetTempPath(), "2+2?");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"-m/--model expects a file but {Path.GetFullPath(Path.GetTempPath())} is a directory", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solve_takes_an_endpoint_through_the_same_backend_options_as_eval()
    {
        var result = await CliProcess.RunToolAsync("leap", "solve", "--endpoint", "http://127.0.0.1:9/", "--served-model", "m", "--template", "deepseek-r1",
            "--paths", "2", "--interval", "8", "--budget", "1", "--retries", "0", "--request-timeout", "5", "2+2?");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("127.0.0.1:9", result.Errors, StringComparison.Ordinal);
        Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string[] TinyWithout(string option, params string[] extra)
    {
        var args = Tiny().ToList();
        var at = args.IndexOf(option);
        args.RemoveRange(at, 2);
        args.InsertRange(1, extra);
        return [.. args];
    }

    [Fact]
    public async Task N_predict_is_the_token_form_of_the_budget_and_runs_the_same_as_budget()
    {
        // -n 32 at --interval 16 is M = 2 segments: the same run, byte for byte, as --budget 2
        var byTokens = await App().RunAsync(TinyWithout("--budget", "-n", "32", "--json", "--no-timings"), TestContext.Current.CancellationToken);
        var longForm = await App().RunAsync(TinyWithout("--budget", "--n-predict", "32", "--json", "--no-timings"), TestContext.Current.CancellationToken);
        var bySegments = await App().RunAsync(Tiny("--json", "--no-timings"), TestContext.Current.CancellationToken);

        Assert.Equal(0, byTokens.ExitCode);
        Assert.Equal(2, ((SolveSettings)byTokens.Settings!).Budget);
        Assert.Equal(bySegments.Output, byTokens.Output);
        Assert.Equal(bySegments.Output, longForm.Output);
    }

    [Theory]
    [InlineData("error: -n/--n-predict expects a whole multiple of --interval T = 16 tokens, the budget being M whole segments (got 40; 32 or 48 would do)", "-n", "40")]
    [InlineData("error: -n/--n-predict expects a whole multiple of --interval T = 16 tokens, the budget being M whole segments (got 0)", "-n", "0")]
    [InlineData("error: -n/--n-predict expects a whole multiple of --interval T = 16 tokens, the budget being M whole segments (got -1)", "--n-predict", "-1")]
    [InlineData("error: give -n/--n-predict TOKENS (the budget in tokens) or --budget M (in segments), not both", "-n", "32", "--budget", "2")]
    public async Task N_predict_that_is_not_whole_segments_or_comes_with_budget_is_a_usage_error(string message, params string[] extra)
    {
        var result = await CliProcess.RunToolAsync("leap", ["solve", "-m", SharedData.RequireFile("models/stories260K.gguf"), "--interval", "16", .. extra, "2+2?"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Errors.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("solve")]
    [InlineData("eval")]
    public async Task Help_maps_the_options_to_the_paper_symbols_N_T_M_and_k(string command)
    {
        var help = await CliProcess.RunToolAsync("leap", command, "--help");
        var text = System.Text.RegularExpressions.Regex.Replace(help.Output, @"\s+", " ");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--paths <N> Parallel reasoning paths, the paper's N", text, StringComparison.Ordinal);
        Assert.Contains("--interval <T> Tokens per segment between rounds of peer comments, the paper's T", text, StringComparison.Ordinal);
        Assert.Contains("--budget <M> Segments per path, the paper's M", text, StringComparison.Ordinal);
        Assert.Contains("-n, --n-predict <TOKENS> Reasoning tokens per path, llama.cpp's -n: the paper's total budget M × T", text, StringComparison.Ordinal);
        Assert.Contains("--peers <K> Peer summaries each path hears per round, the paper's Top-k", text, StringComparison.Ordinal);
        Assert.Contains("--top-k <K> Top-k sampling", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_path_that_is_a_folder_or_in_a_missing_folder_is_a_usage_error_before_the_run()
    {
        var folder = Path.GetFullPath(Path.GetTempPath()).TrimEnd('/');
        var missing = Path.Combine(folder, $"kinship-no-folder-{Guid.NewGuid():N}", "run.jsonl");

        var intoFolder = await CliProcess.RunToolAsync("leap", "solve", "-m", SharedData.RequireFile("models/stories260K.gguf"), "--template", "raw", "--trace", folder, "2+2?");
        var intoNothing = await CliProcess.RunToolAsync("leap", "solve", "-m", SharedData.RequireFile("models/stories260K.gguf"), "--template", "raw", "--trace", missing, "2+2?");

        Assert.Equal((2, $"error: --trace expects a file path but {folder} is a directory\n", ""), (intoFolder.ExitCode, intoFolder.Errors, intoFolder.Output));
        Assert.Equal((2, $"error: --trace {missing}: folder {Path.GetDirectoryName(missing)} does not exist\n", ""), (intoNothing.ExitCode, intoNothing.Errors, intoNothing.Output));
    }
}
