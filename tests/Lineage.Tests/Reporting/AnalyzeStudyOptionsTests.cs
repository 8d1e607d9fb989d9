using System.Text.Json;
using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Reporting;

/// <summary><c>lineage analyze --dna-format / --parents / --top-n</c>: the study's settings as options, echoed into results.json.</summary>
public sealed class AnalyzeStudyOptionsTests
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

    [Theory]
    [InlineData("--dna-format", "yaml", "--dna-format 'yaml' is not a format; use python-repr or json")]
    [InlineData("--parents", "cards", "--parents 'cards' is not a parent source; use union or tags")]
    [InlineData("--top-n", "task=0", "--top-n 'task=0': N must be a whole number from 1 to 24")]
    [InlineData("--top-n", "colour=3", "--top-n 'colour=3' must be TRAIT=N with TRAIT one of license, language, task, library")]
    public async Task Bad_study_options_are_rejected_with_the_option_named(string option, string value, string message)
    {
        using var catalog = new TestCatalog();
        var result = await App().RunAsync(["analyze", "--catalog", catalog.Path, option, value, "--out", catalog.Directory], TestContext.Current.CancellationToken);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_n_defaults_to_the_study_final_code_and_takes_per_trait_overrides()
    {
        var topN = new AnalyzeSettings { TopN = ["task=20", "Libraries=5"] }.ParsedTopN();
        Assert.Equal([20, 20, 20, 5], Enum.GetValues<Kinship.Lineage.Traits.Trait>().Select(topN));
        var defaults = new AnalyzeSettings().ParsedTopN();
        Assert.Equal([20, 20, 10, 10], Enum.GetValues<Kinship.Lineage.Traits.Trait>().Select(defaults));
    }

    [Fact]
    public async Task The_chosen_settings_are_written_into_the_reports_inputs()
    {
        using var catalog = new TestCatalog();
        var output = Path.Combine(catalog.Directory, "report");
        var result = await App().RunAsync(["analyze", "--catalog", catalog.Path, "--samples", "50", "--resamples", "20", "--dna-format", "json",
            "--parents", "tags", "--top-n", "task=3", "--out", output], TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var inputs = json.RootElement.GetProperty("inputs");
        Assert.Equal("json (source text)", inputs.GetProperty("metadata DNA").GetString());
        Assert.Equal("license=20, language=20, task=3, library=10", inputs.GetProperty("drift top-n").GetString());
        Assert.StartsWith("tags (the study's definition): 0 edges", inputs.GetProperty("parents").GetString(), StringComparison.Ordinal);
    }
}
