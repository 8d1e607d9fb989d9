using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Simulation;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kinship-simulate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<SimulateCommand>("simulate");
        });
        return app;
    }

    [Fact]
    public async Task Simulate_command_writes_the_file_atomically_and_ends_with_a_one_line_summary()
    {
        var output = Path.Combine(folder, "hub.jsonl");

        var result = await App().RunAsync(["simulate", "--models", "500", "--seed", "2", "--out", output, "--cards"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(500, File.ReadLines(output).Count());
        Assert.Equal(["hub.jsonl"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.StartsWith("simulate: 500 models (", result.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(SimulatedHub.Bytes(new Kinship.Lineage.Simulation.SimulationOptions { Models = 500, Seed = 2, Cards = true }), await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("--models", "0", "--models 0: must be at least 1")]
    [InlineData("--out", "/nonexistent-kinship-folder/hub.jsonl", "--out /nonexistent-kinship-folder/hub.jsonl: folder /nonexistent-kinship-folder does not exist")]
    public async Task Simulate_command_rejects_bad_options_with_a_message_naming_the_option(string option, string value, string message)
    {
        string[] args = option == "--out" ? ["simulate", "--out", value] : ["simulate", "--out", Path.Combine(folder, "x.jsonl"), option, value];

        var result = await App().RunAsync(args, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
