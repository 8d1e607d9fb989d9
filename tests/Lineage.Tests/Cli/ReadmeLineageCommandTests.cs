namespace Kinship.Lineage.Tests.Cli;

public sealed class ReadmeLineageCommandTests
{
    [Fact]
    public async Task Every_lineage_quick_start_command_that_needs_no_network_exits_0()
    {
        var commands = ReadmeCommands.Runnable("## Lineage quick start", out var skipped);
        Assert.Equal(2, skipped); // the crawl block and the explorer (a server that runs until Ctrl+C)
        Assert.True(commands.Count >= 10, $"only {commands.Count} runnable commands found");
        Assert.All(commands, c => Assert.StartsWith("lineage ", c.Command, StringComparison.Ordinal));

        var results = await ReadmeCommands.RunAsync("lineage", commands, TimeSpan.FromMinutes(5));

        Assert.All(results, r => Assert.True(r.Outcome.ExitCode == 0, $"`{r.Command}` exited {r.Outcome.ExitCode}: {r.Outcome.Errors}"));
        Assert.All(results, r => Assert.Equal("", r.Outcome.Errors));
    }
}
