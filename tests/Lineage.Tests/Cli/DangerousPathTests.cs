using Kinship.Testing;
using Kinship.Files;
using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Simulation;
using Kinship.Lineage.Tests.Catalog;
using Kinship.Lineage.Tests.Hub;
using Kinship.Lineage.Tests.Hub.Crawl;

namespace Kinship.Lineage.Tests.Cli;

public sealed class DangerousPathTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    // errors go to standard error through the shared handler, as in Program.cs
    private static CliOutcome Run(params string[] args) => CliHarness.Run(config =>
    {
        config.AddCommand<ImportCommand>("import");
        config.AddCommand<ExportCommand>("export");
        config.AddCommand<SimulateCommand>("simulate");
        config.AddCommand<CrawlCommand>("crawl");
    }, typeof(ImportCommand).Assembly, args);

    private static string Flat(string output) => string.Join(" ", output.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    private byte[] ImportedCatalog()
    {
        Assert.Equal(0, Run("import", Fixture.Path("weekly.csv"), "--catalog", _catalog.Path_).ExitCode);
        return File.ReadAllBytes(_catalog.Path_);
    }

    private string[] LeftoverTemporaries(string folder) => Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories);

    [Fact]
    public void Rejects_naming_the_catalog_is_refused_and_the_catalog_is_untouched()
    {
        var before = ImportedCatalog();

        var result = Run("import", Fixture.Path("listing-bad.jsonl"), "--catalog", _catalog.Path_, "--rejects", _catalog.Path_);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {_catalog.Path_}: the rejects report would overwrite the catalog; choose another path", Flat(result.Errors));
        Assert.Equal(before, File.ReadAllBytes(_catalog.Path_));
        Assert.Equal(6, _catalog.Scalar("SELECT count(*) FROM models"));
    }

    [Fact]
    public void Rejects_naming_an_input_is_refused_and_the_input_is_untouched()
    {
        var input = _catalog.Write("in.jsonl", File.ReadAllText(Fixture.Path("listing-bad.jsonl")));
        var before = File.ReadAllBytes(input);

        var result = Run("import", input, "--catalog", _catalog.Path_, "--rejects", input);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {input}: the rejects report would overwrite the input {input}; choose another path", Flat(result.Errors));
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.False(File.Exists(_catalog.Path_));
    }

    [Fact]
    public void Exporting_over_the_catalog_is_refused()
    {
        var before = ImportedCatalog();

        var result = Run("export", _catalog.Path_, "--to", "parquet", "--catalog", _catalog.Path_);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {_catalog.Path_}: the export would overwrite the catalog; choose another path", Flat(result.Errors));
        Assert.Equal(before, File.ReadAllBytes(_catalog.Path_));
        Assert.Empty(LeftoverTemporaries(_catalog.Folder));
    }

    [Fact]
    public void Exporting_over_a_file_of_another_kind_is_refused_but_a_previous_export_is_replaced()
    {
        ImportedCatalog();
        var notes = _catalog.Write("notes.txt", "keep me\n");

        var refused = Run("export", notes, "--to", "parquet", "--catalog", _catalog.Path_);
        var first = Run("export", _catalog.File("out.parquet"), "--to", "parquet", "--catalog", _catalog.Path_);
        var again = Run("export", _catalog.File("out.parquet"), "--to", "parquet", "--catalog", _catalog.Path_);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {notes}: exists and is a text file, not a Parquet file; the export will not replace it (delete it or choose another path)", Flat(refused.Errors));
        Assert.Equal("keep me\n", File.ReadAllText(notes));
        Assert.Equal((0, 0), (first.ExitCode, again.ExitCode));
    }

    [Fact]
    public void A_catalog_path_holding_another_kind_of_file_is_refused_before_anything_is_written()
    {
        var notes = _catalog.Write("notes.txt", "not a database\n");

        var result = Run("import", Fixture.Path("listing-page.json"), "--catalog", notes);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {notes}: exists and is a text file, not a DuckDB database; the catalog will not replace it (delete it or choose another path)", Flat(result.Errors));
        Assert.Equal("not a database\n", File.ReadAllText(notes));
    }

    [Fact]
    public void A_catalog_path_naming_an_input_is_refused()
    {
        var input = _catalog.Write("in.json", File.ReadAllText(Fixture.Path("listing-page.json")));

        var result = Run("import", input, "--catalog", input);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the catalog would overwrite the input", Flat(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_disk_during_import_is_named_rolled_back_and_leaves_no_temporary_file()
    {
        using var disk = TinyDisk.TryMount("2m");
        if (disk is null)
        {
            Assert.Skip("mounting a tmpfs needs root");
        }
        var listing = _catalog.File("sim.jsonl");
        EcosystemSimulator.WriteFile(new SimulationOptions { Models = 20_000 }, listing, cancellationToken: TestContext.Current.CancellationToken);
        var catalog = disk.File("lineage.duckdb");

        var result = Run("import", listing, "--catalog", catalog);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: {listing}: no space left on device writing {catalog} (nothing of this source was imported)", Flat(result.Errors), StringComparison.Ordinal);
        Assert.Empty(LeftoverTemporaries(disk.Folder));
    }

    [Fact]
    public void A_full_disk_writing_the_rejects_report_is_named_and_leaves_no_temporary_file()
    {
        using var disk = TinyDisk.TryMount("1m");
        if (disk is null)
        {
            Assert.Skip("mounting a tmpfs needs root");
        }
        var bad = _catalog.Write("bad.jsonl", string.Concat(Enumerable.Repeat("{\"id\": 5}\n", 5000)));
        var rejects = disk.File("rejects.txt");
        disk.Fill(leaveBytes: 16 << 10);

        var result = Run("import", bad, "--catalog", _catalog.Path_, "--rejects", rejects);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"no space left on device writing {rejects}", Flat(result.Errors), StringComparison.Ordinal);
        Assert.Empty(LeftoverTemporaries(disk.Folder));
        Assert.False(File.Exists(rejects));
    }

    [Fact]
    public void Atomic_files_use_a_fresh_temporary_name_each_time_and_leave_nothing_on_failure()
    {
        var target = _catalog.File("out.txt");
        File.WriteAllText(target, "old");

        using (var first = AtomicFile.Create(target))
        using (var second = AtomicFile.Create(target))
        {
            Assert.NotEqual(first.TemporaryPath, second.TemporaryPath);
            first.Text.Write("first");
            second.Text.Write("second");
            second.Commit();
        }

        Assert.Equal("second", File.ReadAllText(target));
        Assert.Empty(LeftoverTemporaries(_catalog.Folder));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Replace<int>(target, _ => throw new InvalidOperationException("writer failed")));
        Assert.Equal("second", File.ReadAllText(target));
        Assert.Empty(LeftoverTemporaries(_catalog.Folder));
    }

    /// <summary>A file or folder <c>simulate --out</c> and <c>crawl --out</c> must not replace, and what it is called in the error.</summary>
    private async Task<(string Path, string What)> DangerousTarget(string variant)
    {
        switch (variant)
        {
            case "folder":
                return (Directory.CreateDirectory(_catalog.File("a-folder")).FullName, "folder");
            case "catalog":
                ImportedCatalog();
                return (_catalog.Path_, "a DuckDB database");
            case "parquet input":
                return (await ReaderTests.WriteHubStatsParquet(_catalog.File("models.parquet")), "a Parquet file");
            case "weekly csv input":
                return (_catalog.Write("weekly.csv", File.ReadAllText(Fixture.Path("weekly.csv"))), "a CSV file");
            case "json array input":
                return (_catalog.Write("page.json", File.ReadAllText(Fixture.Path("listing-page.json"))), "a JSON file");
            default:
                return (_catalog.Write("notes.txt", "keep me\n"), "a text file");
        }
    }

    private static string Refusal(string path, string what, string role) => what == "folder"
        ? $"error: {path}: {role} is a folder; give a file path"
        : $"error: {path}: exists and is {what}, not a JSON Lines file; {role} will not replace it (delete it or choose another path)";

    private static void AssertOneErrorLine(CliOutcome result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.OneErrorLine());
    }

    private static byte[]? Contents(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    [Theory]
    [InlineData("folder")]
    [InlineData("catalog")]
    [InlineData("parquet input")]
    [InlineData("weekly csv input")]
    [InlineData("json array input")]
    [InlineData("notes")]
    public async Task Simulate_out_refuses_a_folder_the_catalog_or_an_input_before_writing(string variant)
    {
        var (path, what) = await DangerousTarget(variant);
        var before = Contents(path);

        var result = Run("simulate", "--models", "50", "--out", path);

        AssertOneErrorLine(result, Refusal(path, what, "the simulated Hub"));
        Assert.Equal(before, Contents(path));
        Assert.Empty(LeftoverTemporaries(_catalog.Folder));
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("catalog")]
    [InlineData("parquet input")]
    [InlineData("weekly csv input")]
    [InlineData("json array input")]
    [InlineData("notes")]
    public async Task Crawl_out_refuses_a_folder_the_catalog_or_an_input_before_any_request(string variant)
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        var (path, what) = await DangerousTarget(variant);
        var before = Contents(path);

        var result = await Task.Run(() => Run("crawl", "--out", path, "--endpoint", hub.Endpoint.AbsoluteUri, "--page-size", "5", "--retries", "0"), TestContext.Current.CancellationToken);

        AssertOneErrorLine(result, Refusal(path, what, "the crawl snapshot"));
        Assert.Equal(before, Contents(path));
        Assert.Empty(hub.Requests);
        Assert.False(File.Exists(path + ".checkpoint.json"));
    }

    [Fact]
    public async Task Crawl_refuses_a_checkpoint_path_that_is_a_folder()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        var snapshot = _catalog.File("hub.jsonl");
        Directory.CreateDirectory(snapshot + ".checkpoint.json");

        var result = await Task.Run(() => Run("crawl", "--out", snapshot, "--endpoint", hub.Endpoint.AbsoluteUri, "--page-size", "5"), TestContext.Current.CancellationToken);

        AssertOneErrorLine(result, $"error: {snapshot}.checkpoint.json: the crawl checkpoint is a folder; give a file path");
        Assert.False(File.Exists(snapshot));
    }

    [Fact]
    public async Task Crawl_resumes_an_existing_snapshot_and_simulate_replaces_its_own_output()
    {
        await using var hub = await FakeHub.StartAsync(HubCrawlerTests.ListingItems());
        var snapshot = _catalog.File("hub.jsonl");
        string[] crawl = ["crawl", "--out", snapshot, "--endpoint", hub.Endpoint.AbsoluteUri, "--page-size", "5"];

        var first = await Task.Run(() => Run([.. crawl, "--limit", "5"]), TestContext.Current.CancellationToken);
        var resumed = await Task.Run(() => Run([.. crawl, "--limit", "12"]), TestContext.Current.CancellationToken);
        var simulated = _catalog.File("sim.jsonl");
        var simulatedFirst = Run("simulate", "--models", "30", "--seed", "1", "--out", simulated);
        var simulatedAgain = Run("simulate", "--models", "20", "--seed", "2", "--out", simulated);

        Assert.Equal((0, 0, "", ""), (first.ExitCode, resumed.ExitCode, first.Errors, resumed.Errors));
        Assert.Contains("(7 new, resumed;", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(string.Concat(hub.Items.Take(12).Select(item => item + "\n")), File.ReadAllText(snapshot));
        Assert.Equal((0, 0), (simulatedFirst.ExitCode, simulatedAgain.ExitCode));
        Assert.Equal(20, File.ReadLines(simulated).Count());
    }
}
