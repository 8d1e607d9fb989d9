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
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md", "LICENSE" })
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
        foreach (var library in new[] { "Lineage", "Leap" })
        {
            await DotnetAsync(_dir, "pack", Path.Combine(source, library), "-c", "Release", "-o", feed, "-nodeReuse:false", "--disable-build-servers");
        }
        var packages = Directory.GetFiles(feed, "*.nupkg");
        Assert.Contains(Path.Combine(feed, "Kinship.Lineage.0.1.0.nupkg"), packages);
        Assert.Contains(Path.Combine(feed, "Kinship.Leap.0.1.0.nupkg"), packages);
        foreach (var package in packages)
        {
            AssertCarriesTheMetadata(package);
        }

        foreach (var tool in new[] { "lineage", "leap" })
        {
            await DotnetAsync(_dir, "tool", "install", tool, "--tool-path", tools, "--add-source", feed);
            var version = await CliProcess.RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? tool + ".exe" : tool), ["--version"], _dir, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.Equal(0, version.ExitCode);
            Assert.StartsWith("0.1.0", version.Output.Trim(), StringComparison.Ordinal);
        }
    }

    /// <summary>Every package carries the MIT text and the README, and its nuspec names license, readme, description, copyright and repository type.</summary>
    private static void AssertCarriesTheMetadata(string package)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var name = Path.GetFileName(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.True(entries.Contains("LICENSE"), $"{name} has no LICENSE");
        Assert.True(entries.Contains("README.md"), $"{name} has no README.md");
        using (var license = new StreamReader(zip.GetEntry("LICENSE")!.Open()))
        {
            var text = license.ReadToEnd();
            Assert.StartsWith("MIT License", text, StringComparison.Ordinal);
            Assert.Contains("Copyright (c) 2026 the Kinship developers", text, StringComparison.Ordinal);
        }
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var reader = new StreamReader(nuspecEntry.Open());
        var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string field) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == field)?.Value;
        var licenseElement = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)licenseElement.Attribute("type"), licenseElement.Value));
        Assert.Equal("README.md", Field("readme"));
        Assert.Equal("Copyright (c) 2026 the Kinship developers", Field("copyright"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{name} has no description");
        Assert.Equal("git", (string?)metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type"));
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
