using System.Text.Json;
using DuckDB.NET.Data;
using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Simulation;
using Kinship.Lineage.Tests.Simulation;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Lineage.Tests.Cli;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kinship-demo-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CommandAppTester App()
    {
        var console = new TestConsole();
        console.Profile.Width = 160; // the default test console is unbounded, which a Rule cannot fill
        var app = new CommandAppTester(null, new CommandAppTesterSettings(), console);
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<DemoCommand>("demo");
        });
        return app;
    }

    private static long Scalar(string catalog, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={catalog};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Demo_simulates_imports_every_model_and_writes_the_report_in_a_fresh_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Path.Combine(folder, "demo");

        // Run twice: the second run must replace the first run's files, not add to them.
        for (var run = 0; run < 2; run++)
        {
            var result = await App().RunAsync(["demo", "--models", "1500", "--seed", "3", "--samples", "200", "--out", output], ct);
            Assert.True(result.ExitCode == 0, result.Output);
            // the three headline findings come before the report path
            var lines = result.Output.ReplaceLineEndings("\n").Split('\n');
            var findings = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("demo: finding: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, findings.Count);
            Assert.Matches(@"^demo: finding: similarity \(.+\): siblings [0-9.]+ \[[0-9.]+, [0-9.]+\].* vs parent-child [0-9.]+ \[", findings[0].l);
            Assert.Matches("^demo: finding: strongest drift: [a-z]+ .+ → .+ \\(net [0-9,]+ transitions parent → child\\)$", findings[1].l);
            Assert.Matches(@"^demo: finding: license compliance: [0-9,]+ of [0-9,]+ checked parent-child edges", findings[2].l);
            Assert.True(findings[2].i < Array.FindIndex(lines, l => l.StartsWith("demo: report: ", StringComparison.Ordinal)));
        }

        var expected = SimulatedHub.Bytes(new SimulationOptions { Models = 1500, Seed = 3, Cards = true });
        Assert.Equal(expected, await File.ReadAllBytesAsync(Path.Combine(output, "hub.jsonl"), ct));
        var catalog = Path.Combine(output, "lineage.duckdb");
        Assert.Equal(1500, Scalar(catalog, "SELECT count(*) FROM models"));
        Assert.Equal(1, Scalar(catalog, "SELECT count(*) FROM imports"));
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report", "results.json"), ct));
        foreach (var section in new[] { "similarity", "mutation", "drift", "documentation", "compliance" })
        {
            Assert.True(results.RootElement.TryGetProperty(section, out _), $"results.json lacks '{section}'");
        }
        Assert.True(File.Exists(Path.Combine(output, "report", "report.html")));
    }

    [Fact]
    public async Task Demo_rejects_too_few_models()
    {
        var result = await App().RunAsync(["demo", "--models", "1", "--out", Path.Combine(folder, "x")], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--models 1: must be at least 2", result.Output, StringComparison.Ordinal);
    }
}
