using Kinship.Testing;
using System.Text.Json;
using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Tests.Catalog;
using Kinship.Lineage.Tests.Hub;

namespace Kinship.Lineage.Tests.Cli;

public sealed class CatalogCommandTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    // errors go to standard error through the shared handler, as in Program.cs
    private static CliOutcome Run(params string[] args) => CliHarness.Run(config =>
    {
        config.AddCommand<ImportCommand>("import");
        config.AddCommand<SqlCommand>("sql");
        config.AddCommand<ExportCommand>("export");
    }, typeof(ImportCommand).Assembly, args);

    private static string Flat(string output) => output.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal);

    [Fact]
    public void Import_json_prints_totals_and_per_source_figures_and_writes_the_rejects_report()
    {
        var bad = Fixture.Path("listing-bad.jsonl");
        var weekly = Fixture.Path("weekly.csv");
        var rejectsPath = _catalog.File("rejects.txt");

        var result = Run("import", bad, weekly, "--catalog", _catalog.Path_, "--rejects", rejectsPath, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("19 9 1 10", $"{root.GetProperty("read")} {root.GetProperty("imported")} {root.GetProperty("replaced")} {root.GetProperty("rejected")}");
        Assert.Equal(
            [$"{bad} listing 10 2 0 8", $"{weekly} weekly-csv 9 7 1 2"],
            root.GetProperty("sources").EnumerateArray().Select(s =>
                $"{s.GetProperty("source").GetString()} {s.GetProperty("format").GetString()} {s.GetProperty("read")} {s.GetProperty("imported")} {s.GetProperty("replaced")} {s.GetProperty("rejected")}"));
        var rejects = File.ReadAllLines(rejectsPath);
        Assert.Equal(10, rejects.Length);
        Assert.Equal($"{bad}:3: bad JSON: Expected depth to be zero at the end of the JSON payload", rejects[0]);
        Assert.Equal($"{weekly}:10: unknown Type 'sideways'", rejects[^1]);
    }

    [Fact]
    public void Import_ends_with_a_one_line_summary_and_puts_rejects_beside_the_catalog()
    {
        var result = Run("import", Fixture.Path("weekly.csv"), "--catalog", _catalog.Path_);

        Assert.Equal(0, result.ExitCode);
        var summary = Flat(result.Output.Trim().Split("import: ")[^1]);
        Assert.StartsWith($"7 of 9 records from 1 source(s) into {_catalog.Path_} (1 replaced, 2 rejected -> {Path.ChangeExtension(_catalog.Path_, ".rejects.txt")}) in ", summary, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.ChangeExtension(_catalog.Path_, ".rejects.txt")).Length);
    }

    [Fact]
    public void Import_of_a_file_of_no_known_format_is_one_error_and_imports_nothing()
    {
        var notes = _catalog.Write("notes.txt", "hello\n");

        var result = Run("import", Fixture.Path("weekly.csv"), notes, "--catalog", _catalog.Path_);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {notes}: no known input format", Flat(result.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_catalog.Path_));
    }

    [Fact]
    public void Import_with_a_forced_format_reports_a_wrong_header_as_a_reject_on_line_1()
    {
        var path = Fixture.Path("weekly-bad-header.csv");

        var result = Run("import", path, "--catalog", _catalog.Path_, "--format", "weekly-csv", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"rejected\":1", result.Output, StringComparison.Ordinal);
        Assert.Equal([$"{path}:1: wrong CSV header: expected columns 'Model ID', 'Type', 'Base Model', found 'Model', 'Type', 'Base'"],
            File.ReadAllLines(Path.ChangeExtension(_catalog.Path_, ".rejects.txt")));
    }

    [Fact]
    public void Import_rejects_an_unknown_format_name_naming_the_option()
    {
        var result = Run("import", Fixture.Path("weekly.csv"), "--catalog", _catalog.Path_, "--format", "xml");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--format 'xml' is not one of: listing, model-info-csv", Flat(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_json_prints_an_array_of_row_objects()
    {
        Run("import", Fixture.Path("listing-page.json"), "--catalog", _catalog.Path_);

        var result = Run("sql", "SELECT id, languages, downloads, created_at FROM models WHERE id LIKE 'meta-llama/%'", "--catalog", _catalog.Path_, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""[{"id":"meta-llama/Llama-3.1-8B","languages":["en","de","fr"],"downloads":950000,"created_at":"2024-07-14T22:20:15Z"}]""", result.Output.Trim());
    }

    [Fact]
    public void Sql_prints_a_table_and_the_row_count()
    {
        Run("import", Fixture.Path("weekly.csv"), "--catalog", _catalog.Path_);

        var result = Run("sql", "SELECT relation, count(*) AS n FROM parents GROUP BY relation ORDER BY relation", "--catalog", _catalog.Path_);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("│ adapter  │ 1 │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ finetune │ 3 │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ merge    │ 3 │", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("3 row(s)", result.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_is_read_only()
    {
        Run("import", Fixture.Path("weekly.csv"), "--catalog", _catalog.Path_);

        var result = SqlCommandTests.Sql("DELETE FROM models", "--catalog", _catalog.Path_);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("read-only", result.Errors, StringComparison.Ordinal);
        Assert.Equal(6, _catalog.Scalar("SELECT count(*) FROM models"));
    }

    [Fact]
    public void Sql_without_a_catalog_says_so()
    {
        var result = SqlCommandTests.Sql("SELECT 1", "--catalog", _catalog.File("missing.duckdb"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--catalog: no such file {_catalog.File("missing.duckdb")}", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("jsonl")]
    public void Export_writes_every_model_with_its_parents(string format)
    {
        Run("import", Fixture.Path("weekly.csv"), "--catalog", _catalog.Path_);
        var output = _catalog.File("export." + format);

        var result = Run("export", "--to", format, output, "--catalog", _catalog.Path_);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"export: 6 models from {_catalog.Path_} to {output} ({format})", Flat(result.Output).Trim(), StringComparison.Ordinal);
        var reader = format == "parquet" ? $"read_parquet('{output}')" : $"read_json('{output}', format = 'newline_delimited')";
        Assert.Equal(
            ["a/base|0", "a/merged|3", "a/mutual-1|1", "a/mutual-2|1", "a/self|1", "a/tune|1"],
            _catalog.Rows($"SELECT id, len(parents) FROM {reader} ORDER BY id"));
        Assert.Equal(["a/base|merge|table", "a/tune|merge|table", "x/absent|merge|table"],
            _catalog.Rows($"SELECT p.parent, p.relation, p.source FROM (SELECT unnest(parents) AS p FROM {reader} WHERE id = 'a/merged')"));
        Assert.Empty(Directory.GetFiles(_catalog.Folder, "*.tmp"));
    }

    [Fact]
    public void Export_requires_a_known_target_format()
    {
        var result = Run("export", "--to", "csv", _catalog.File("x.csv"), "--catalog", _catalog.Path_);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--to 'csv' is not parquet or jsonl", Flat(result.Errors), StringComparison.Ordinal);
    }
}
