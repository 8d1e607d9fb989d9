using System.Diagnostics;

namespace Kinship.Lineage.Peers.Bench;

/// <summary>Wall-clock helpers: a timed child process and medians.</summary>
internal static class Timing
{
    /// <summary>Runs a process to its end and returns its wall time and standard output; fails on a non-zero exit or after 10 minutes.</summary>
    public static (double Seconds, string Output) Run(string executable, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish within 10 minutes");
        }
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', start.ArgumentList.Take(3))} ... exited with {process.ExitCode}: {errors.Result}");
        }
        return (seconds, output.Result);
    }

    /// <summary>Wall time of <paramref name="action"/> in seconds.</summary>
    public static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Round(double value) => Math.Round(value, 3);

    /// <summary>Deletes a DuckDB file and its write-ahead log.</summary>
    public static void DeleteCatalog(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }
}
