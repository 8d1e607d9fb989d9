using System.Diagnostics;

namespace Kinship.Testing;

/// <summary>What a command-line tool did: its exit code and both output streams.</summary>
internal sealed record CliOutcome(int ExitCode, string Output, string Errors)
{
    /// <summary>The one non-empty line on standard error; fails the test when there is none or more than one.</summary>
    public string OneErrorLine()
    {
        var lines = Errors.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {Errors}");
        return lines[0];
    }
}

/// <summary>Runs a built tool (the apphost copied beside the tests, or any executable) as a real process, with a hang timeout.</summary>
internal static class CliProcess
{
    /// <summary>The apphost of <paramref name="tool"/> (<c>leap</c>, <c>lineage</c>) copied into the test output by the project reference.</summary>
    public static string Tool(string tool) => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? tool + ".exe" : tool);

    /// <summary>Runs <paramref name="executable"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>; kills it and fails after <paramref name="timeout"/>.</summary>
    public static async Task<CliOutcome> RunAsync(string executable, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hang.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout ?? TimeSpan.FromMinutes(2)}");
        }
        return new CliOutcome(process.ExitCode, await output, await errors);
    }

    /// <summary>Runs the tool <paramref name="tool"/> copied beside the tests.</summary>
    public static Task<CliOutcome> RunToolAsync(string tool, params string[] args) => RunAsync(Tool(tool), args, cancellationToken: TestContext.Current.CancellationToken);
}
