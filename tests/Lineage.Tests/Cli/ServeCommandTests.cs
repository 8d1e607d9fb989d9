using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Tests.Catalog;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Cli;

/// <summary><c>lineage serve</c> refuses bad options before loading anything (the server itself: tests/Lineage.Web.Tests).</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<ServeCommand>("serve");
        });
        return app;
    }

    [Fact]
    public void Missing_catalog_bad_port_and_a_folder_without_a_report_fail_validation_with_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), "absent-" + Guid.NewGuid().ToString("N") + ".duckdb");
        _catalog.Import(_catalog.Write("hub.jsonl", """{"id": "o/a", "tags": ["license:mit"]}""" + "\n"));
        var noReport = Directory.CreateDirectory(_catalog.File("not-a-report")).FullName;

        var noCatalog = App().RunAndCatch<Exception>("serve", "--catalog", missing);
        var badPort = App().RunAndCatch<Exception>("serve", "--catalog", _catalog.Path_, "--port", "70000");
        var badReport = App().RunAndCatch<Exception>("serve", "--catalog", _catalog.Path_, "--report", noReport);

        Assert.Contains($"--catalog: no such file {missing} (create it with `lineage import`)", noCatalog.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("--port 70000 is not a TCP port (0-65535)", badPort.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"--report '{noReport}' holds no report.html", badReport.Exception.Message, StringComparison.Ordinal);
    }

    private static void OneErrorLine(CliOutcome result, string expected)
    {
        Assert.StartsWith(expected, result.OneErrorLine(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.ReplaceLineEndings("\n").Split('\n'), line => line.Contains("error", StringComparison.OrdinalIgnoreCase));
    }

    private static Task<CliOutcome> Serve(params string[] args) =>
        CliProcess.RunAsync(CliProcess.Tool("lineage"), ["serve", .. args], timeout: TimeSpan.FromMinutes(1), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_missing_catalog_or_a_folder_given_as_one_is_a_usage_error_on_one_stderr_line()
    {
        var missing = _catalog.File("absent.duckdb");

        var absent = await Serve("--catalog", missing, "--port", "0");
        var folder = await Serve("--catalog", _catalog.Folder, "--port", "0");

        Assert.Equal(2, absent.ExitCode);
        OneErrorLine(absent, $"error: --catalog: no such file {missing} (create it with `lineage import`)");
        Assert.Equal(2, folder.ExitCode);
        Assert.Equal($"error: --catalog expects a file but {_catalog.Folder} is a directory\n", folder.Errors.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("not..a..host")]
    [InlineData("example.org")]
    [InlineData("999.1.1.1")]
    public async Task A_host_that_is_not_an_address_is_a_usage_error_instead_of_listening_everywhere(string host)
    {
        _catalog.Import(_catalog.Write("hub.jsonl", """{"id": "o/a", "tags": ["license:mit"]}""" + "\n"));

        var result = await Serve("--catalog", _catalog.Path_, "--host", host, "--port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --host expects an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost (got '{host}')\n", result.Errors.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_port_in_use_exits_1_with_one_stderr_line_naming_the_address()
    {
        _catalog.Import(_catalog.Write("hub.jsonl", """{"id": "o/a", "tags": ["license:mit"]}""" + "\n"));
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await Serve("--catalog", _catalog.Path_, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        OneErrorLine(result, $"error: cannot listen on 127.0.0.1:{port}: ");
        Assert.Contains("address already in use", result.Errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_file_that_is_not_a_catalog_exits_1_with_one_stderr_line()
    {
        var notes = _catalog.Write("notes.duckdb", "hello\n");

        var result = await Serve("--catalog", notes, "--port", "0");

        Assert.Equal(1, result.ExitCode);
        OneErrorLine(result, "error: ");
        Assert.Contains(notes, result.Errors, StringComparison.Ordinal);
    }
}
