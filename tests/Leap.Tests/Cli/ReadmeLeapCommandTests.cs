namespace Kinship.Leap.Tests.Cli;

public sealed class ReadmeLeapCommandTests
{
    [Fact]
    public async Task Every_leap_quick_start_command_with_the_tiny_model_exits_0()
    {
        SharedData.RequireFile("models/stories260K.gguf");
        var commands = ReadmeCommands.Runnable("## Leap quick start", out var skipped);
        Assert.Equal(5, skipped); // two need a reasoning model, one a GPU server, one llama-server, one runs a server until Ctrl+C
        Assert.Equal(2, commands.Count);
        Assert.All(commands, c => Assert.StartsWith("leap ", c.Command, StringComparison.Ordinal));

        var results = await ReadmeCommands.RunAsync("leap", commands, TimeSpan.FromMinutes(5));

        Assert.All(results, r => Assert.True(r.Outcome.ExitCode == 0, $"`{r.Command}` exited {r.Outcome.ExitCode}: {r.Outcome.Errors}"));
    }
}
