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

        Assert.Contains($"catalog '{missing}' does not exist", noCatalog.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("--port 70000 is not a TCP port (0-65535)", badPort.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"--report '{noReport}' holds no report.html", badReport.Exception.Message, StringComparison.Ordinal);
    }
}
