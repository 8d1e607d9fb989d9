using Kinship.Leap.Cli.Commands;
using Kinship.Leap.Cli.Solve;
using Kinship.Leap.Engine;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Leap.Tests.Cli;

/// <summary><c>--self-trigger-mode</c>: LeaP-T's handling of the model's own <c>&lt;summarize&gt;</c>, reachable from both engine commands.</summary>
public sealed class SelfTriggerModeOptionTests
{
    [Theory]
    [InlineData(null, SelfTriggerMode.Replace)]
    [InlineData("replace", SelfTriggerMode.Replace)]
    [InlineData("continue", SelfTriggerMode.Continue)]
    public void Solve_and_eval_map_the_mode_onto_the_engine_options(string? mode, SelfTriggerMode expected)
    {
        var solve = mode is null ? new SolveSettings { SelfTrigger = true } : new SolveSettings { SelfTrigger = true, SelfTriggerMode = mode };
        var eval = mode is null ? new EvalSettings { SelfTrigger = true } : new EvalSettings { SelfTrigger = true, SelfTriggerMode = mode };

        Assert.Equal((true, expected), (solve.ToOptions().SelfTrigger, solve.ToOptions().SelfTriggerMode));
        Assert.Equal(expected, eval.ToOptions().SelfTriggerMode);
    }

    [Fact]
    public async Task An_unknown_mode_is_one_clear_usage_error()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<SolveCommand>("solve");
        });

        var result = await app.RunAsync(["solve", "--model", "m.gguf", "--self-trigger", "--self-trigger-mode", "keep", "a problem"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--self-trigger-mode must be replace or continue (got 'keep')", result.Output, StringComparison.Ordinal);
    }
}
