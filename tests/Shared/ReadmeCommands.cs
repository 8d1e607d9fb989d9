namespace Kinship.Testing;

/// <summary>One shell command of a README code block, with the block's first line (which says when the block cannot run here).</summary>
internal sealed record ReadmeCommand(string Block, string Command);

/// <summary>
/// Reads the <c>```bash</c> blocks of one README section. A block whose first line is a comment with "(needs " (network, a
/// GPU-size model, a server that runs until Ctrl+C) is left out; every other command is meant to run as written.
/// </summary>
internal static class ReadmeCommands
{
    /// <summary>The commands of the runnable blocks under the heading <paramref name="heading"/> (up to the next <c>## </c> heading), in order.</summary>
    public static IReadOnlyList<ReadmeCommand> Runnable(string heading, out int skippedBlocks)
    {
        var blocks = Blocks(heading);
        skippedBlocks = blocks.Count(b => Skipped(b.First));
        return [.. blocks.Where(b => !Skipped(b.First)).SelectMany(b => b.Commands)];
    }

    /// <summary>The commands of the blocks under <paramref name="heading"/> that cannot run here as written (first line <c># (needs …)</c>), in order.</summary>
    public static IReadOnlyList<ReadmeCommand> NeedingMore(string heading) =>
        [.. Blocks(heading).Where(b => Skipped(b.First)).SelectMany(b => b.Commands)];

    private static bool Skipped(string first) => first.TrimStart().StartsWith('#') && first.Contains("(needs ", StringComparison.Ordinal);

    private static List<(string First, List<ReadmeCommand> Commands)> Blocks(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        Assert.True(start >= 0, $"README.md has no '{heading}' section");
        var blocks = new List<(string, List<ReadmeCommand>)>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (lines[i].Trim() != "```bash")
            {
                continue;
            }
            var block = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                block.Add(lines[i]);
            }
            var first = block.FirstOrDefault() ?? "";
            var commands = new List<ReadmeCommand>();
            blocks.Add((first, commands));
            var pending = "";
            foreach (var line in block)
            {
                var text = line.TrimEnd();
                if (pending.Length == 0 && (text.Trim().Length == 0 || text.TrimStart().StartsWith('#')))
                {
                    continue;
                }
                if (text.EndsWith('\\'))
                {
                    pending += text[..^1] + " ";
                    continue;
                }
                commands.Add(new ReadmeCommand(first, (pending + text).Trim()));
                pending = "";
            }
        }
        return blocks;
    }

    /// <summary>
    /// Runs <paramref name="commands"/> with bash, in order, in a fresh folder beside a link to the shared data (so <c>../shared</c>
    /// resolves as in a checkout), with <paramref name="tool"/> on the PATH; <paramref name="inspectWorkFolder"/> sees the folder before it
    /// is deleted; returns each command with its outcome.
    /// </summary>
    public static async Task<IReadOnlyList<(string Command, CliOutcome Outcome)>> RunAsync(
        string tool, IReadOnlyList<ReadmeCommand> commands, TimeSpan perCommand, Action<string>? inspectWorkFolder = null)
    {
        var shared = SharedData.Directory;
        if (shared is null || !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Skip("needs ../shared beside the repository and a POSIX shell");
        }
        var root = Directory.CreateTempSubdirectory("kinship-readme-").FullName;
        try
        {
            var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            Directory.CreateSymbolicLink(Path.Combine(root, "shared"), shared!);
            var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
            var wrapper = Path.Combine(bin, tool);
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec \"{CliProcess.Tool(tool)}\" \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var results = new List<(string, CliOutcome)>();
            foreach (var command in commands)
            {
                var outcome = await CliProcess.RunAsync("/bin/sh", ["-c", $"PATH=\"{bin}:$PATH\"; {command.Command}"], work, perCommand, TestContext.Current.CancellationToken);
                results.Add((command.Command, outcome));
            }
            inspectWorkFolder?.Invoke(work);
            return results;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
