namespace Kinship.Leap.Backends.Llama;

/// <summary>The thread count llama.cpp picks by default (<c>cpu_get_num_math</c>): one thread per physical core.</summary>
internal static class CpuTopology
{
    /// <summary>
    /// Physical cores as llama.cpp counts them on Linux: distinct <c>thread_siblings</c> sets of the online CPUs; elsewhere, or when
    /// sysfs is unreadable, llama.cpp's fallback (all logical CPUs up to 4, half of them above).
    /// </summary>
    public static int PhysicalCores()
    {
        var logical = Environment.ProcessorCount;
        if (OperatingSystem.IsLinux())
        {
            var siblings = new HashSet<string>(StringComparer.Ordinal);
            for (var cpu = 0; cpu < logical; cpu++)
            {
                var path = $"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings";
                try
                {
                    if (File.Exists(path))
                    {
                        siblings.Add(File.ReadAllText(path).Trim());
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
            if (siblings.Count > 0)
            {
                return Math.Min(siblings.Count, logical);
            }
        }
        return logical <= 4 ? logical : logical / 2;
    }
}
