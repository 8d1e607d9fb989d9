using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// On the 12 real weekly files, every statistic equals an independent computation written here with plain
/// dictionaries and a different algorithm for cycles (Kosaraju, where production uses Tarjan).
/// </summary>
public sealed class WeeklyFilesStatisticsTests(WeeklyCatalogFixture weekly) : IClassFixture<WeeklyCatalogFixture>
{
    [Theory]
    [InlineData("all")]
    [InlineData("no-merge")]
    [InlineData("finetune")]
    [InlineData("finetune+adapter")]
    public void Every_stats_key_equals_an_independent_dictionary_walk(string variantName)
    {
        Assert.True(GraphVariants.TryParse(variantName, out var variant));
        var (rows, snapshot) = weekly.Load();

        var actual = GenealogyStatisticsCalculator.Compute(snapshot.WithVariant(variant), TestContext.Current.CancellationToken);
        // The weekly format carries no creation time, so the importer stores none: every model is undated.
        var expected = new IndependentGenealogy(rows, Keeps(variantName), _ => null);

        Assert.Equal(expected.Models, actual.Models);
        Assert.Equal(expected.Edges, actual.Edges);
        Assert.Equal(expected.Dangling, actual.DanglingEdges);
        Assert.Equal(expected.DanglingParents, actual.DanglingParents);
        Assert.Equal(expected.SelfReferences, actual.SelfReferences);
        Assert.Equal(expected.MultiParent, actual.MultiParentModels);
        Assert.Equal(expected.WithParents, actual.ModelsWithParents);
        Assert.Equal(expected.Families, actual.Families);
        Assert.Equal(expected.LargestFamilies, actual.LargestFamilies);
        Assert.Equal(expected.TopParents, actual.TopParents);
        Assert.Equal(expected.Cycles, actual.Cycles);
        Assert.Equal(expected.Generations, actual.Generations);
        Assert.Equal(expected.LongestChains, actual.LongestChains.Select(c => string.Join(" > ", c)));
        Assert.Equal(expected.Histogram, actual.FamilySizeHistogram);
        Assert.Equal(expected.Growth, actual.Growth.Select(g => $"{g.Root} {g.Undated} " + string.Join(",", g.Months.Select(m => $"{m.Month}={m.Models}"))));
        // Sanity of the real data's quirks, so a vacuous pass (e.g. nothing loaded) cannot hide.
        Assert.True(actual.Models > 340_000);
        Assert.True(actual.SelfReferences > 200);
        Assert.True(actual.DanglingEdges > 20_000);
        Assert.True(actual.LargestFamilies[0].Size > 1_000);
    }

    [Fact]
    public void Stats_command_on_the_imported_weekly_catalog_prints_the_library_figures()
    {
        var (_, snapshot) = weekly.Load();
        var expected = GenealogyStatisticsJson.Serialize(GenealogyStatisticsCalculator.Compute(snapshot.WithVariant(GraphVariant.NoMerge), TestContext.Current.CancellationToken));

        var result = GenealogyCommandTests.App().Run("stats", "--catalog", weekly.CatalogPath, "--variant", "no-merge", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected.Trim(), result.Output.Trim());
    }

    private static Func<string, bool> Keeps(string variant) => variant switch
    {
        "all" => _ => true,
        "no-merge" => r => r != "merge",
        "finetune" => r => r == "finetune",
        _ => r => r is "finetune" or "adapter",
    };
}
