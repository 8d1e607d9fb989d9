using Kinship.Leap.Cli.Commands;

namespace Kinship.Leap.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public async Task Every_leap_command_shows_its_help_with_every_option()
    {
        var commands = await CliHelp.AssertEveryCommandHelpWorksAsync("leap", typeof(EvalCommand).Assembly, TestContext.Current.CancellationToken);
        Assert.Contains("eval", commands);
    }

    [Fact]
    public void Every_option_and_argument_has_a_description()
    {
        Assert.Empty(CliHelp.UndescribedOptions(typeof(EvalCommand).Assembly));
    }
}
