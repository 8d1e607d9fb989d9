using Spectre.Console.Cli;
using System.Text.Json;
using Kinship.Lineage.Cli.Genealogy;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Lineage.Tests.Genealogy;

public sealed class GenealogyCommandTests
{
    internal static CommandAppTester App()
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var app = new CommandAppTester(null, new CommandAppTesterSettings(), console);
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.AddCommand<StatsCommand>("stats");
            config.AddCommand<TreeCommand>("tree");
            config.AddCommand<FamilyCommand>("family");
        });
        return app;
    }

    [Fact]
    public void Stats_json_has_exactly_the_issue_keys_plus_documented_extras()
    {
        using var catalog = ZooCatalog.Create();
        var path = catalog.Close();

        var result = App().Run("stats", "--catalog", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(
            ["variant", "models", "edges", "danglingEdges", "danglingParents", "selfReferences", "multiParentModels", "modelsWithParents",
             "families", "largestFamilies", "topParents", "cycles", "modelsInCycles", "generations", "longestChains", "familySizeHistogram", "growth"],
            keys);
        var root = json.RootElement;
        Assert.Equal(17, root.GetProperty("models").GetInt32());
        Assert.Equal(["finetune", "adapter", "quantized", "merge", "unknown"], root.GetProperty("edges").EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, root.GetProperty("edges").GetProperty("merge").GetInt32());
        Assert.Equal(["0", "1", "2"], root.GetProperty("generations").EnumerateObject().Select(p => p.Name));
        Assert.Equal(9, root.GetProperty("generations").GetProperty("0").GetInt32());
        var largest = root.GetProperty("largestFamilies")[0];
        Assert.Equal(["root", "size", "maxDepth"], largest.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("base/a", 8, 2), (largest.GetProperty("root").GetString(), largest.GetProperty("size").GetInt32(), largest.GetProperty("maxDepth").GetInt32()));
        Assert.Equal(["id", "children"], root.GetProperty("topParents")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["base/a", "a/ft1", "a/q1"], root.GetProperty("longestChains")[0].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, root.GetProperty("growth")[0].GetProperty("months").GetProperty("2024-03").GetInt32());
    }

    [Fact]
    public void Stats_tables_show_counts_roots_histogram_and_growth()
    {
        using var catalog = ZooCatalog.Create();
        var path = catalog.Close();

        var result = App().Run("stats", "--catalog", path, "--variant", "no-merge");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(no-merge)", result.Output, StringComparison.Ordinal);
        Assert.Contains("largest families", result.Output, StringComparison.Ordinal);
        Assert.Contains("family sizes", result.Output, StringComparison.Ordinal);
        Assert.Contains("growth of the largest families", result.Output, StringComparison.Ordinal);
        Assert.Contains("base/a → a/ft1 → a/q1", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"merge edges\s*│\s*0\s", result.Output);
    }

    [Fact]
    public void Tree_lines_carry_relation_license_and_downloads()
    {
        using var catalog = ZooCatalog.Create();
        var path = catalog.Close();

        var result = App().Run("tree", "m/merge1", "--catalog", path, "--up", "--include-external");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ancestors of m/merge1", result.Output, StringComparison.Ordinal);
        Assert.Contains("merge a/ft2  mit · 7 downloads", result.Output, StringComparison.Ordinal);
        Assert.Contains("finetune base/a  apache-2.0 · 1,000 downloads", result.Output, StringComparison.Ordinal);
        Assert.Contains("merge missing/x (not in catalog)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("descendants of", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_says_so_when_a_side_is_empty_and_omits_facts_the_catalog_lacks()
    {
        using var catalog = ZooCatalog.Create();
        var path = catalog.Close();

        var result = App().Run("tree", "m/merge1", "--catalog", path, "--down");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no children in this variant", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("downloads", result.Output, StringComparison.Ordinal); // m/merge1 has neither licenses nor downloads
    }

    [Fact]
    public void Family_reports_the_statistics_of_the_models_family_only()
    {
        using var catalog = ZooCatalog.Create();
        var path = catalog.Close();

        var result = App().Run("family", "a/q1", "--catalog", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("a/q1", root.GetProperty("model").GetString());
        Assert.Equal("base/a", root.GetProperty("root").GetString());
        Assert.Equal(8, root.GetProperty("models").GetInt32());
        Assert.Equal(1, root.GetProperty("families").GetInt32());
        Assert.Equal(1, root.GetProperty("danglingEdges").GetInt32()); // m/merge1 -> missing/x
        Assert.Equal(0, root.GetProperty("cycles").GetInt32());
        Assert.Equal(1, root.GetProperty("multiParentModels").GetInt32());
    }

    [Fact]
    public void Unknown_model_is_one_error_that_says_when_others_name_it_as_a_parent()
    {
        using var catalog = ZooCatalog.Create();
        var path = catalog.Close();

        var result = Kinship.Testing.CliHarness.Run(config => config.AddCommand<TreeCommand>("tree"), typeof(TreeCommand).Assembly, ["tree", "missing/x", "--catalog", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("model 'missing/x' is not in catalog", result.Errors, StringComparison.Ordinal);
        Assert.Contains("1 models name it as a parent", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("error", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_catalog_and_bad_variant_fail_validation_with_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), "absent-" + Guid.NewGuid().ToString("N") + ".duckdb");

        var noCatalog = App().RunAndCatch<Exception>("stats", "--catalog", missing);
        using var catalog = ZooCatalog.Create();
        var badVariant = App().RunAndCatch<Exception>("stats", "--catalog", catalog.Close(), "--variant", "sideways");

        Assert.Contains($"--catalog: no such file {missing}", noCatalog.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("--variant 'sideways' is not one of: all, no-merge, finetune, finetune+adapter", badVariant.Exception.Message, StringComparison.Ordinal);
    }
}
