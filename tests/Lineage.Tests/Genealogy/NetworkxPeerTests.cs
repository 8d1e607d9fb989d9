using System.Text.Json.Nodes;
using Kinship.Testing;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// The networkx peer of the benchmark (<c>bench/networkx/stats_networkx.py</c>) computes every key of
/// <c>lineage stats --json</c> as the built <c>lineage import</c> + <c>lineage stats</c> do, so the two can be timed
/// against each other: both run as real processes on the same weekly files, key by key.
/// </summary>
public sealed class NetworkxPeerTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_networkx_script_prints_every_stats_key_equal_to_lineage_on_the_shared_weekly_files()
    {
        var files = WeeklyFiles.Paths();
        await RequireNetworkxAsync();

        var (expected, actual) = await BothAsync(files);

        AssertSameKeys(expected, actual);
        Assert.True(expected["models"]!.GetValue<int>() > 340_000, "the weekly files were not all read");
    }

    [Fact]
    public async Task The_networkx_script_follows_the_import_rules_and_ordinal_ties_on_a_small_weekly_file()
    {
        await RequireNetworkxAsync();
        using var folder = new TempFolder();
        // Later rows replace earlier ones (also within a file); rejected rows (unknown Type, empty id, three columns
        // expected) do not; a self-reference, a dangling parent, a two-model cycle and a root tie between an emoji id
        // and a fullwidth one (UTF-16 ordinal puts the emoji first, code point order the other).
        var week1 = folder.Write("added_model_0101.csv", """
            Model ID,Type,Base Model
            r/base,,
            a/ft,finetune,r/base
            a/q,quantized,a/ft
            s/self,finetune,"s/self, gone/x"
            c/one,finetune,c/two
            c/two,finetune,c/one
            c/three,finetune,c/two
            bad/type,distilled,r/base
            ,finetune,r/base
            bad/cols,finetune
            a/ft,adapter,gone/y
            """);
        var week2 = folder.Write("added_model_0108.csv", """
            Model ID,Type,Base Model
            e/😀,,
            e/Ａ,,
            k/1,finetune,e/Ａ
            k/2,merge,"e/😀, gone/z"
            a/ft,finetune,"r/base, r/base"
            m/two,merge,"a/ft, c/three"
            """);

        var (expected, actual) = await BothAsync([week1, week2]);

        AssertSameKeys(expected, actual);
        Assert.Equal(12, expected["models"]!.GetValue<int>());
        Assert.Equal("e/😀", expected["topParents"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).First(id => id.StartsWith("e/", StringComparison.Ordinal)));
        Assert.Equal(1, expected["cycles"]!.GetValue<int>());
    }

    private static async Task<(JsonObject Lineage, JsonObject Networkx)> BothAsync(IReadOnlyList<string> files)
    {
        using var folder = new TempFolder();
        var catalog = Path.Combine(folder.Path, "weekly.duckdb");
        var cancel = TestContext.Current.CancellationToken;
        var import = await CliProcess.RunAsync(CliProcess.Tool("lineage"), ["import", .. files, "--catalog", catalog], timeout: Hang, cancellationToken: cancel);
        Assert.True(import.ExitCode == 0, import.Errors);
        var stats = await CliProcess.RunAsync(CliProcess.Tool("lineage"), ["stats", "--catalog", catalog, "--json"], timeout: Hang, cancellationToken: cancel);
        Assert.True(stats.ExitCode == 0, stats.Errors);
        var script = Path.Combine(SharedData.RepositoryRoot, "bench", "networkx", "stats_networkx.py");
        var peer = await CliProcess.RunAsync("python3", [script, .. files], timeout: Hang, cancellationToken: cancel);
        Assert.True(peer.ExitCode == 0, peer.Errors);
        return (JsonNode.Parse(stats.Output)!.AsObject(), JsonNode.Parse(peer.Output)!.AsObject());
    }

    private static void AssertSameKeys(JsonObject expected, JsonObject actual)
    {
        Assert.Equal(expected.Select(p => p.Key), actual.Select(p => p.Key));
        foreach (var (key, value) in expected)
        {
            Assert.True(JsonNode.DeepEquals(value, actual[key]), $"key '{key}': lineage {value?.ToJsonString()}, networkx {actual[key]?.ToJsonString()}");
        }
    }

    private static async Task RequireNetworkxAsync()
    {
        CliOutcome probe;
        try
        {
            probe = await CliProcess.RunAsync("python3", ["-c", "import networkx"], timeout: TimeSpan.FromMinutes(1), cancellationToken: TestContext.Current.CancellationToken);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("needs python3 on PATH (the networkx peer of bench/networkx/stats_networkx.py); it is not here");
            return;
        }
        Assert.SkipWhen(probe.ExitCode != 0, $"needs the networkx Python package for bench/networkx/stats_networkx.py: {probe.Errors.Trim()}");
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kinship-networkx-").FullName;

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text + "\n");
            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
