using System.Runtime.InteropServices;

namespace Kinship.Lineage.Peers.Bench;

/// <summary>What the figures were measured on: cores, memory, OS, and the load average (benchmarks run on a shared machine).</summary>
internal static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, or "" where there is none.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}

/// <summary>The repository the benchmark was built in (the folder holding Kinship.slnx).</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Kinship.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Kinship.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
