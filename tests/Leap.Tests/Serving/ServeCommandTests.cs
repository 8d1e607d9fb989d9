using Kinship.Leap.Cli.Commands;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Leap.Tests.Serving;

public sealed class ServeCommandTests
{
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
    public async Task Serve_without_a_model_is_a_usage_error()
    {
        var result = await App().RunAsync(["serve"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--model FILE.gguf is required", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_missing_model_file_names_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"kinship-missing-{Guid.NewGuid():N}.gguf");

        // the error goes to standard error through the shared handler, as in Program.cs
        var result = await Task.Run(() => Kinship.Testing.CliHarness.Run(c => c.AddCommand<Kinship.Leap.Cli.Commands.ServeCommand>("serve"), typeof(Kinship.Leap.Cli.Commands.ServeCommand).Assembly, ["serve", "--model", missing, "--port", "0"]), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: model file not found: {missing}\n", result.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Serve_with_a_directory_as_its_model_says_it_is_a_directory()
    {
        var folder = Directory.CreateTempSubdirectory("kinship-model-dir-").FullName;
        try
        {
            var result = await Task.Run(() => Kinship.Testing.CliHarness.Run(c => c.AddCommand<Kinship.Leap.Cli.Commands.ServeCommand>("serve"), typeof(Kinship.Leap.Cli.Commands.ServeCommand).Assembly, ["serve", "--model", folder, "--port", "0"]), TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"error: model path is a directory, not a GGUF file: {folder}\n", result.Errors.ReplaceLineEndings("\n"));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task Serve_with_a_bad_host_is_a_usage_error()
    {
        var result = await App().RunAsync(["serve", "--model", "m.gguf", "--host", "not an address"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--host must be an IP address or localhost", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_an_unknown_flash_attention_mode_is_a_usage_error()
    {
        var result = await App().RunAsync(["serve", "--model", "m.gguf", "--flash-attn", "fast"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--flash-attn must be on, off or auto (got 'fast')", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("on", true)]
    [InlineData("auto", null)]
    public void Flash_attention_is_off_unless_asked(string? mode, bool? expected)
    {
        var settings = mode is null ? new ServeSettings() : new ServeSettings { FlashAttention = mode };

        Assert.Equal(expected, settings.FlashAttentionSetting);
        Assert.Equal(1, settings.StepTokens); // one token per batched step: requests join at the next token
    }
}
