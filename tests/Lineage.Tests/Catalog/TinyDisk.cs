using System.Diagnostics;

namespace Kinship.Lineage.Tests.Catalog;

/// <summary>A real, tiny tmpfs mounted in a temporary folder (needs root); <see cref="TryMount"/> is null where mounting is not allowed.</summary>
internal sealed class TinyDisk : IDisposable
{
    private TinyDisk(string folder) => Folder = folder;

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public static TinyDisk? TryMount(string size)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kinship-tiny-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder))
        {
            return new TinyDisk(folder);
        }
        Directory.Delete(folder);
        return null;
    }

    /// <summary>Fills the disk with a file until fewer than <paramref name="leaveBytes"/> remain.</summary>
    public void Fill(long leaveBytes)
    {
        var free = new DriveInfo(Folder).AvailableFreeSpace;
        var size = Math.Max(0, free - leaveBytes);
        using var stream = new FileStream(File("filler"), FileMode.Create);
        stream.Write(new byte[size]);
    }

    private static bool Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Run("umount", Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
