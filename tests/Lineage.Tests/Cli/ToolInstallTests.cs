using System.Runtime.InteropServices;

namespace Kinship.Lineage.Tests.Cli;

/// <summary>Both CLIs pack as RID-specific .NET tools and install with <c>dotnet tool install --add-source</c>, as the README says.</summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinship-tools-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private async Task<CliOutcome> DotnetAsync(string workingDirectory, params string[] args)
    {
        var result = await CliProcess.RunAsync(Dotnet, args, workingDirectory, TimeSpan.FromMinutes(20), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Output}\n{result.Errors}");
        return result;
    }

    [Fact]
    public async Task Both_tools_pack_install_into_a_tool_path_and_print_their_version()
    {
        // pack a copy of the sources, so this test neither races nor rewrites the checkout's obj/ folders; this machine's RID only
        var source = Path.Combine(_dir, "src");
        var repository = SharedData.RepositoryRoot;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md" })
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(_dir, file));
        }
        Copy(Path.Combine(repository, "src"), source);
        var feed = Path.Combine(_dir, "packages");
        var tools = Path.Combine(_dir, "tools");
        var rid = RuntimeInformation.RuntimeIdentifier;
        foreach (var project in new[] { "Lineage.Cli", "Leap.Cli" })
        {
            await DotnetAsync(_dir, "pack", Path.Combine(source, project), "-c", "Release", "-o", feed, $"-p:ToolPackageRuntimeIdentifiers={rid}", "-nodeReuse:false", "--disable-build-servers");
        }
        Assert.True(File.Exists(Path.Combine(feed, $"lineage.{rid}.0.1.0.nupkg")), "the RID-specific lineage package is missing");
        Assert.True(File.Exists(Path.Combine(feed, $"leap.{rid}.0.1.0.nupkg")), "the RID-specific leap package is missing");

        foreach (var tool in new[] { "lineage", "leap" })
        {
            await DotnetAsync(_dir, "tool", "install", tool, "--tool-path", tools, "--add-source", feed);
            var version = await CliProcess.RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? tool + ".exe" : tool), ["--version"], _dir, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.Equal(0, version.ExitCode);
            Assert.StartsWith("0.1.0", version.Output.Trim(), StringComparison.Ordinal);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj" or "node_modules"))
            {
                Copy(directory, Path.Combine(to, name));
            }
        }
    }
}
