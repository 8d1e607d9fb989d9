using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Reporting;

public sealed class AnalyzeCommandTests
{
    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.Settings.StrictParsing = true;
            config.AddCommand<AnalyzeCommand>("analyze");
        });
        return app;
    }

    [Fact]
    public async Task Analyze_writes_the_report_and_shows_progress()
    {
        using var catalog = new TestCatalog();
        var output = Path.Combine(catalog.Directory, "report");
        var result = await App().RunAsync(["analyze", "--catalog", catalog.Path, "--samples", "100", "--resamples", "50", "--seed", "2", "--variant", "finetune", "--out", output],
            TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fitting metadata vocabulary", result.Output, StringComparison.Ordinal);
        Assert.Contains("Wrote", result.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "results.json", "report.md", "report.html", "charts/similarity-card-tfidf.png", "charts/similarity-metadata-bow.svg" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} was not written");
        }
    }

    [Fact]
    public async Task A_missing_catalog_is_one_clear_error_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-catalog-" + Guid.NewGuid().ToString("N")[..6] + ".duckdb");
        var result = await App().RunAsync(["analyze", "--catalog", missing, "--out", Path.GetTempPath()], TestContext.Current.CancellationToken);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(missing, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--variant", "sideways", "--variant 'sideways' is not a variant")]
    [InlineData("--samples", "0", "--samples must be at least 1")]
    public async Task Bad_options_are_rejected_with_the_option_named(string option, string value, string message)
    {
        using var catalog = new TestCatalog();
        var result = await App().RunAsync(["analyze", "--catalog", catalog.Path, option, value, "--out", catalog.Directory], TestContext.Current.CancellationToken);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }
}
