using System.Text.Json;
using Kinship.Lineage.Cli.Compliance;
using Kinship.Lineage.Tests.Genealogy;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Lineage.Tests.Compliance;

public sealed class AuditCommandTests
{
    private static CommandAppTester App()
    {
        var console = new TestConsole();
        console.Profile.Width = 220;
        var app = new CommandAppTester(null, new CommandAppTesterSettings(), console);
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<AuditCommand>("audit");
        });
        return app;
    }

    // meta/llama (llama3.1) → a/ft (apache-2.0) → b/deep (apache-2.0); g/named (other, card names Llama 3.1); x/gpl unrelated.
    private static TestCatalog Catalog()
    {
        var catalog = new TestCatalog()
            .Model("meta/llama", licenses: ["llama3.1"])
            .Model("a/ft", licenses: ["apache-2.0"])
            .Model("b/deep", licenses: ["apache-2.0"])
            .Model("x/gpl", licenses: ["gpl-3.0"])
            .Parent("a/ft", "meta/llama", "finetune")
            .Parent("b/deep", "a/ft", "finetune")
            .Parent("g/named", "meta/llama", "adapter");
        catalog.Execute("""
            INSERT INTO models (id, licenses, card) VALUES
              ('g/named', ['other'], '---' || chr(10) || 'license: other' || chr(10) || 'license_name: Llama 3.1 Community License' || chr(10) || '---' || chr(10) || 'card');
            """);
        return catalog;
    }

    [Fact]
    public void Audit_json_lists_the_ancestry_and_the_broken_rule()
    {
        using var catalog = Catalog();
        var path = catalog.Close();

        var result = App().Run("audit", "b/deep", "--catalog", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("b/deep", root.GetProperty("model").GetString());
        Assert.Equal(["b/deep", "a/ft", "meta/llama"], root.GetProperty("ancestry").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(["commercial-restricted"], root.GetProperty("ancestry")[2].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, root.GetProperty("edgesChecked").GetInt64());
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal(("meta/llama", "a/ft", "commercial-terms", "high"),
            (finding.GetProperty("parent").GetString(), finding.GetProperty("child").GetString(), finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString()));
    }

    [Fact]
    public void Audit_table_names_the_finding_and_states_the_rule()
    {
        using var catalog = Catalog();
        var path = catalog.Close();

        var result = App().Run("audit", "b/deep", "--catalog", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("meta/llama → a/ft", result.Output, StringComparison.Ordinal);
        Assert.Contains("llama3.1 → apache-2.0", result.Output, StringComparison.Ordinal);
        Assert.Contains("commercial-terms: a child of a commercial-restricted license keeps it", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_license_named_in_the_card_passes_the_audit()
    {
        using var catalog = Catalog();
        var path = catalog.Close();

        var result = App().Run("audit", "g/named", "--catalog", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No findings on 1 checked edges.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_model_is_one_clear_error()
    {
        using var catalog = Catalog();
        var path = catalog.Close();

        var result = Kinship.Testing.CliHarness.Run(config => config.AddCommand<AuditCommand>("audit"), typeof(AuditCommand).Assembly, ["audit", "nobody/model", "--catalog", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"model 'nobody/model' is not in catalog '{path}'", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("error", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_catalog_is_rejected_by_the_settings()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kinship-no-such-" + Guid.NewGuid().ToString("N") + ".duckdb");

        var result = App().Run("audit", "b/deep", "--catalog", missing);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--catalog: no such file {missing}", result.Output, StringComparison.Ordinal);
    }
}
