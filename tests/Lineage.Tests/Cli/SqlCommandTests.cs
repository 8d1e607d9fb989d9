using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Tests.Catalog;
using Kinship.Lineage.Tests.Hub;

namespace Kinship.Lineage.Tests.Cli;

public sealed class SqlCommandTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public SqlCommandTests() => _catalog.Import(Fixture.Path("weekly.csv"));

    public void Dispose() => _catalog.Dispose();

    /// <summary>Runs <c>lineage sql</c> in process with the shared error handler.</summary>
    internal static CliOutcome Sql(string query, params string[] options) => SqlAt(120, query, options);

    private static CliOutcome SqlAt(int width, string query, params string[] options) =>
        CliHarness.Run(config => config.AddCommand<SqlCommand>("sql"), typeof(SqlCommand).Assembly, ["sql", query, .. options], width);

    private CliOutcome Query(string format, string query) => Sql(query, "--catalog", _catalog.Path_, "--format", format);

    private const string TwoRows = "SELECT * FROM (VALUES ('a,b', NULL, 3), ('x|y', 'two words', 4)) t(x, y, z) ORDER BY z";

    private static string Lines(string text) => text.ReplaceLineEndings("\n").Trim();

    [Fact]
    public void Csv_quotes_separators_and_leaves_null_empty()
    {
        var result = Query("csv", TwoRows);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("x,y,z\n\"a,b\",,3\nx|y,two words,4", Lines(result.Output));
    }

    [Fact]
    public void Jsonl_writes_one_object_per_row()
    {
        var result = Query("jsonl", TwoRows);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"x\":\"a,b\",\"y\":null,\"z\":3}\n{\"x\":\"x|y\",\"y\":\"two words\",\"z\":4}", Lines(result.Output));
    }

    [Fact]
    public void Markdown_escapes_pipes_and_shows_null()
    {
        var result = Query("markdown", TwoRows);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("| x | y | z |\n|---|---|---|\n| a,b | NULL | 3 |\n| x\\|y | two words | 4 |", Lines(result.Output));
    }

    [Fact]
    public void Line_mode_writes_one_column_per_line_and_a_blank_line_between_rows()
    {
        var result = Query("line", TwoRows);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("x = a,b\ny = NULL\nz = 3\n\nx = x|y\ny = two words\nz = 4", Lines(result.Output));
    }

    [Fact]
    public void Table_cuts_the_widest_cell_with_an_ellipsis_to_fit_the_terminal_and_shows_null()
    {
        var result = SqlAt(30, "SELECT 'abcdefghijklmnopqrstuvwxyz' AS letters, NULL AS n", "--catalog", _catalog.Path_);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            ┌─────────────────────┬──────┐
            │ letters             │ n    │
            ├─────────────────────┼──────┤
            │ abcdefghijklmnopqr… │ NULL │
            └─────────────────────┴──────┘
            1 row(s)
            """.ReplaceLineEndings("\n"),
            Lines(result.Output));
    }

    [Fact]
    public void A_table_too_wide_for_the_terminal_leaves_out_middle_columns_and_says_so()
    {
        var columns = string.Join(", ", Enumerable.Range(1, 22).Select(i => $"{i} AS column_{i}"));
        var result = SqlAt(80, $"SELECT {columns}", "--catalog", _catalog.Path_);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output).Split('\n');
        Assert.All(lines, line => Assert.InRange(line.Length, 1, 80));
        Assert.Contains("│ … │", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("│ column_1 │ column_2 │", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^1 row\(s\), 22 columns \(\d+ shown; use --format line or csv for all\)$", lines[^1]);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_naming_the_choices()
    {
        var result = Query("xml", "SELECT 1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --format must be table, csv, json, jsonl, markdown or line (got 'xml')\n", result.Errors.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_directory_as_the_catalog_is_called_a_directory()
    {
        var result = Sql("SELECT 1", "--catalog", _catalog.Folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --catalog expects a file but {Path.GetFullPath(_catalog.Folder)} is a directory (create it with `lineage import`)\n", result.Errors.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Output);
    }
}
