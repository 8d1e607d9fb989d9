namespace Kinship.Cli;

/// <summary>Checks of input paths that name the option and tell a directory from a missing file.</summary>
internal static class CliPaths
{
    /// <summary>Null when <paramref name="path"/> is an existing file; otherwise one sentence naming <paramref name="option"/> and what is wrong.</summary>
    public static string? FileError(string option, string path)
    {
        if (File.Exists(path))
        {
            return null;
        }
        var full = Path.GetFullPath(path);
        return Directory.Exists(path)
            ? $"{option} expects a file but {full} is a directory"
            : $"{option}: no such file {full}";
    }
}
