using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Cli.Compliance;
using Kinship.Lineage.Cli.Genealogy;
using Kinship.Lineage.Cli.Terminal;
using Kinship.Lineage.Tests.Catalog;
using Kinship.Lineage.Tests.Hub;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Cli;

public sealed class TerminalEscapingTests : IDisposable
{
    private const string Evil = "a/evil\u001b[2J\u001b]0;owned\u0007\u202Eexe.txt";
    private const string Shown = "a/evil\\x1B[2J\\x1B]0;owned\\x07\\u202Eexe.txt";
    private readonly TempCatalog _catalog = new();

    public TerminalEscapingTests()
    {
        _catalog.Import(Fixture.Path("weekly.csv"));
        // a catalog written by another tool: the importer itself rejects ids with control characters
        using var connection = new DuckDBConnection($"Data Source={_catalog.Path_}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE models SET id = $1 WHERE id = 'a/tune'; UPDATE parents SET child = $1 WHERE child = 'a/tune'";
        command.Parameters.Add(new DuckDBParameter(Evil));
        command.ExecuteNonQuery();
    }

    public void Dispose() => _catalog.Dispose();

    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<SqlCommand>("sql");
            config.AddCommand<TreeCommand>("tree");
            config.AddCommand<AuditCommand>("audit");
        });
        return app.Run(args);
    }

    private static void AssertNoControlCharacters(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u202E', output);
    }

    [Fact]
    public void Escape_makes_controls_visible_and_leaves_ordinary_text_alone()
    {
        Assert.Equal(Shown, TerminalText.Escape(Evil));
        Assert.Equal("meta-llama/Llama-3.1-8B 日本語 ☃", TerminalText.Escape("meta-llama/Llama-3.1-8B 日本語 ☃"));
        Assert.Equal("tab\\x09nul\\x00del\\x7Fc1\\x9B", TerminalText.Escape("tab\tnul\0del\u007Fc1\u009B"));
    }

    [Fact]
    public void Sql_prints_ids_with_control_characters_escaped()
    {
        var result = Run("sql", "SELECT id FROM models WHERE id LIKE 'a/evil%'", "--catalog", _catalog.Path_);

        Assert.Equal(0, result.ExitCode);
        AssertNoControlCharacters(result.Output);
        Assert.Contains(Shown, result.Output.Replace("\n", "", StringComparison.Ordinal).Replace("│", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_and_audit_print_ids_with_control_characters_escaped()
    {
        var tree = Run("tree", "a/base", "--catalog", _catalog.Path_, "--down");
        var audit = Run("audit", Evil, "--catalog", _catalog.Path_);

        Assert.Equal(0, tree.ExitCode);
        AssertNoControlCharacters(tree.Output);
        Assert.Contains("a/evil\\x1B[2J", tree.Output, StringComparison.Ordinal);
        AssertNoControlCharacters(audit.Output);
        Assert.Contains("a/evil\\x1B[2J", audit.Output, StringComparison.Ordinal);
    }
}
