using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Kinship.Testing;

/// <summary>
/// Runs a built CLI (the apphost copied beside the tests) with <c>--help</c>, reads the commands it lists, then runs
/// <c>COMMAND --help</c> for each: every one must exit 0, print a usage, and name every visible option its settings declare.
/// Markup in a description (<c>[]</c> read as a Spectre style) crashes help at run time only, so only running it finds it.
/// </summary>
internal static partial class CliHelp
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    /// <summary>Checks the help of every command <paramref name="executable"/> registers; returns the commands checked.</summary>
    public static async Task<IReadOnlyList<string>> AssertEveryCommandHelpWorksAsync(string executable, Assembly cli, CancellationToken cancellationToken)
    {
        var root = await RunAsync(executable, ["--help"], cancellationToken);
        Assert.True(root.ExitCode == 0, $"{executable} --help exited {root.ExitCode}: {root.Output}");
        var commands = Commands(root.Output);
        Assert.NotEmpty(commands);
        var commandTypes = cli.GetTypes().Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t)).ToList();
        foreach (var command in commands)
        {
            var help = await RunAsync(executable, [command, "--help"], cancellationToken);
            Assert.True(help.ExitCode == 0, $"{executable} {command} --help exited {help.ExitCode}: {help.Output}");
            Assert.Contains("USAGE:", help.Output, StringComparison.Ordinal);
            Assert.Contains($"{executable} {command}", help.Output, StringComparison.Ordinal);
            var type = commandTypes.SingleOrDefault(t => string.Equals(t.Name, command.Replace("-", "", StringComparison.Ordinal) + "Command", StringComparison.OrdinalIgnoreCase));
            Assert.True(type is not null, $"no command class named after '{command}' in {cli.GetName().Name}");
            foreach (var option in Options(SettingsType(type!)))
            {
                Assert.True(help.Output.Contains(option, StringComparison.Ordinal), $"{executable} {command} --help does not list {option}:\n{help.Output}");
            }
        }
        return commands;
    }

    /// <summary>The options and arguments of every settings type in <paramref name="cli"/> that carry no description (help would show a bare name).</summary>
    public static IReadOnlyList<string> UndescribedOptions(Assembly cli) =>
        [.. cli.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => (Type: t, Property: p)))
            .Where(x => (x.Property.GetCustomAttribute<CommandOptionAttribute>() is { IsHidden: false } || x.Property.GetCustomAttribute<CommandArgumentAttribute>() is not null)
                && string.IsNullOrWhiteSpace(x.Property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")];

    /// <summary>The command names listed under COMMANDS: (one per line, indented four spaces; wrapped descriptions indent further).</summary>
    private static List<string> Commands(string rootHelp)
    {
        var at = rootHelp.IndexOf("COMMANDS:", StringComparison.Ordinal);
        Assert.True(at >= 0, "root help lists no COMMANDS section:\n" + rootHelp);
        return [.. CommandLine().Matches(rootHelp[at..]).Select(m => m.Groups[1].Value)];
    }

    private static Type SettingsType(Type command)
    {
        for (var t = command; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
            {
                return settings;
            }
        }
        throw new InvalidOperationException($"{command.Name} has no settings type");
    }

    /// <summary>Every visible option of a settings type, as the long name (or short name) help prints.</summary>
    private static IEnumerable<string> Options(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is { IsHidden: false })
            .Select(a => a!.LongNames.Count > 0 ? "--" + a.LongNames[0] : "-" + a.ShortNames[0]);

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, executable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Hang);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish within {Hang.TotalSeconds} s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^ {4}([a-z][a-z0-9-]*)\b", RegexOptions.Multiline)]
    private static partial Regex CommandLine();
}
