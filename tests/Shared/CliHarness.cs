using System.Reflection;
using Kinship.Cli;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Testing;

/// <summary>Runs commands in process the way Program.cs does: strict parsing and the shared handler writing one error line to <see cref="CliOutcome.Errors"/>.</summary>
internal static class CliHarness
{
    /// <summary>Runs <paramref name="args"/> against the commands <paramref name="register"/> adds, on a console <paramref name="width"/> columns wide.</summary>
    public static CliOutcome Run(Action<IConfigurator> register, Assembly settingsAssembly, string[] args, int width = 120)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        var errors = new StringWriter();
        var app = new CommandAppTester(null, new CommandAppTesterSettings(), console);
        app.Configure(config =>
        {
            config.UseStrictParsing();
            CliErrorHandler.Install(config, args, errors, settingsAssembly);
            register(config);
        });
        var result = app.Run(args);
        return new CliOutcome(result.ExitCode, result.Output, errors.ToString());
    }
}
