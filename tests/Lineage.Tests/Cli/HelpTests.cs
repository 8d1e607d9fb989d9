using Kinship.Lineage.Cli.Commands;

namespace Kinship.Lineage.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public async Task Every_lineage_command_shows_its_help_with_every_option()
    {
        var commands = await CliHelp.AssertEveryCommandHelpWorksAsync("lineage", typeof(AnalyzeCommand).Assembly, TestContext.Current.CancellationToken);
        Assert.Contains("crawl", commands);
        Assert.Contains("analyze", commands);
    }

    [Fact]
    public void Every_option_and_argument_has_a_description()
    {
        Assert.Empty(CliHelp.UndescribedOptions(typeof(AnalyzeCommand).Assembly));
    }
}
