namespace Kinship.Testing;

/// <summary>Finds the read-only data in <c>../shared</c> beside the repository (or <c>KINSHIP_SHARED</c>).</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The shared folder, or null when it is absent (a clone elsewhere).</summary>
    public static string? Directory => Root.Value;

    /// <summary>The full path of a file under shared/, or skips the running test with a clear message when it is absent.</summary>
    public static string RequireFile(string relativePath)
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine(root, relativePath);
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"needs ../shared/{relativePath} beside the repository (or KINSHIP_SHARED); it is not here");
        }
        return path!;
    }

    /// <summary>The repository root (the folder holding Kinship.slnx).</summary>
    public static string RepositoryRoot
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

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("KINSHIP_SHARED");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
        {
            return Path.GetFullPath(env);
        }
        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return System.IO.Directory.Exists(candidate) ? candidate : null;
    }
}
