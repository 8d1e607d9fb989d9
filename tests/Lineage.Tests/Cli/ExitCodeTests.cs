using System.Diagnostics;
using System.Reflection;
using Kinship.Lineage.Cli.Commands;

namespace Kinship.Lineage.Tests.Cli;

/// <summary>The exit-code scheme of <c>lineage</c>, pinned on the real binary: 0 ok, 1 runtime failure, 2 usage error, 130 Ctrl+C.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinship-exit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Commands => ["demo", "simulate", "crawl", "import", "sql", "export", "stats", "tree", "family", "analyze", "audit"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_option_is_a_usage_error_on_one_stderr_line(string command)
    {
        var result = await CliProcess.RunToolAsync("lineage", command, "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
        Assert.Contains("no-such-option", result.Errors, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    // every command that reads a catalog refuses a missing one while validating its options: usage error (2), one line naming the option
    [Theory]
    [InlineData("stats")]
    [InlineData("tree", "some/model")]
    [InlineData("family", "some/model")]
    [InlineData("analyze", "--out", "report")]
    [InlineData("audit", "some/model")]
    [InlineData("export", "--to", "jsonl", "out.jsonl")]
    [InlineData("sql", "SELECT 1")]
    public async Task A_missing_catalog_is_a_usage_error_naming_the_option(string command, params string[] rest)
    {
        var missing = Path.Combine(_dir, "missing.duckdb");
        var result = await CliProcess.RunAsync(CliProcess.Tool("lineage"), [command, .. rest, "--catalog", missing], _dir, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
        Assert.StartsWith($"error: --catalog: no such file {missing}", result.Errors, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    // a runtime failure (the input exists but cannot be used) exits 1 with one line on stderr and no error on stdout
    [Theory]
    [InlineData("import", "notes.txt", "--catalog", "new.duckdb")]
    [InlineData("export", "--to", "jsonl", "out.jsonl", "--catalog", "notes.txt")]
    [InlineData("sql", "SELECT 1", "--catalog", "notes.txt")]
    [InlineData("stats", "--catalog", "notes.txt")]
    [InlineData("tree", "some/model", "--catalog", "notes.txt")]
    [InlineData("family", "some/model", "--catalog", "notes.txt")]
    [InlineData("audit", "some/model", "--catalog", "notes.txt")]
    [InlineData("analyze", "--out", "report", "--catalog", "notes.txt")]
    [InlineData("crawl", "--endpoint", "http://127.0.0.1:9/", "--retries", "0", "--out", "hub.jsonl")]
    public async Task A_runtime_failure_exits_1_with_one_line_on_stderr(string command, params string[] rest)
    {
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "hello\n");
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        var result = await CliProcess.RunAsync(CliProcess.Tool("lineage"), [command, .. rest], _dir, cancellationToken: hang.Token);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.ReplaceLineEndings("\n").Split('\n'), line => line.StartsWith("error", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Import_of_a_directory_says_it_is_a_directory_not_a_missing_file()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "hub-dump")).FullName;
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        var result = await CliProcess.RunAsync(CliProcess.Tool("lineage"), ["import", folder, "--catalog", "new.duckdb"], _dir, cancellationToken: hang.Token);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
        Assert.Contains($"{folder}: is a directory, not an input file", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: --depth expects a whole number (got 'abc')", "tree", "some/model", "--depth", "abc")]
    [InlineData("error: --models expects a whole number (got 'abc')", "demo", "--models", "abc")]
    [InlineData("error: --seed expects a whole number ≥ 0 (got 'x')", "simulate", "--seed", "x", "--out", "x.jsonl")]
    public async Task A_value_of_the_wrong_type_names_the_option_and_what_it_expects(string message, params string[] args)
    {
        var result = await CliProcess.RunToolAsync("lineage", args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Analyze_refuses_a_file_as_its_output_folder_before_any_work()
    {
        var notes = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(notes, "hello\n");
        File.WriteAllText(Path.Combine(_dir, "lineage.duckdb"), "");

        var result = await CliProcess.RunAsync(CliProcess.Tool("lineage"), ["analyze", "--out", notes, "--catalog", Path.Combine(_dir, "lineage.duckdb")], _dir, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --out expects a folder but {notes} is a file\n", result.Errors.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Output);
        Assert.Equal("hello\n", File.ReadAllText(notes));
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await CliProcess.RunToolAsync("lineage", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_informational_version_and_exits_0()
    {
        var result = await CliProcess.RunToolAsync("lineage", "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(typeof(SqlCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, result.Output.Trim());
    }

    [Fact]
    public async Task Ctrl_c_stops_a_long_command_with_exit_130()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGINT");
        var start = new ProcessStartInfo(CliProcess.Tool("lineage"), ["simulate", "--models", "20000000", "--out", Path.Combine(_dir, "big.jsonl")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // wait until it is writing, then interrupt it as a terminal's Ctrl+C does
        var big = Path.Combine(_dir, "big.jsonl");
        var deadline = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(_dir, "big.jsonl*").Any() && deadline.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(hang.Token);

        Assert.Equal(130, process.ExitCode);
        await output;
    }
}
