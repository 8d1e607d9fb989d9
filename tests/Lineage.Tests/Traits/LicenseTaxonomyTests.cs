using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Traits;

public sealed class LicenseTaxonomyTests
{
    [Theory]
    [InlineData("llama2", LicenseCategory.CommercialRestricted)]
    [InlineData("llama3.1", LicenseCategory.CommercialRestricted)]
    [InlineData("llama3.3", LicenseCategory.CommercialRestricted)]
    [InlineData("llama4", LicenseCategory.CommercialRestricted)]
    [InlineData("gemma", LicenseCategory.CommercialRestricted)]
    [InlineData("openrail", LicenseCategory.UseRestricted)]
    [InlineData("openrail++", LicenseCategory.UseRestricted)]
    [InlineData("creativeml-openrail-m", LicenseCategory.UseRestricted)]
    [InlineData("bigscience-bloom-rail-1.0", LicenseCategory.UseRestricted)]
    [InlineData("bigcode-openrail-m", LicenseCategory.UseRestricted)]
    [InlineData("cc-by-nc-4.0", LicenseCategory.UseRestricted)]
    [InlineData("cc-by-nc-sa-4.0", LicenseCategory.UseRestricted)]
    [InlineData("cc-by-nc-nd-3.0", LicenseCategory.UseRestricted)]
    [InlineData("cc-by-nd-4.0", LicenseCategory.UseRestricted)]
    [InlineData("gpl-3.0", LicenseCategory.Copyleft)]
    [InlineData("agpl-3.0", LicenseCategory.Copyleft)]
    [InlineData("lgpl-2.1", LicenseCategory.Copyleft)]
    [InlineData("cc-by-sa-4.0", LicenseCategory.Copyleft)]
    [InlineData("cc-by-4.0", LicenseCategory.Attribution)]
    [InlineData("cc-by-2.5", LicenseCategory.Attribution)]
    [InlineData("mit", LicenseCategory.Permissive)]
    [InlineData("apache-2.0", LicenseCategory.Permissive)]
    [InlineData("bsd-3-clause-clear", LicenseCategory.Permissive)]
    [InlineData("cc0-1.0", LicenseCategory.Permissive)]
    [InlineData("unlicense", LicenseCategory.Permissive)]
    [InlineData("afl-3.0", LicenseCategory.Permissive)]
    [InlineData("artistic-2.0", LicenseCategory.Permissive)]
    [InlineData("other", LicenseCategory.Other)]
    [InlineData("unknown", LicenseCategory.Other)]
    [InlineData("cc", LicenseCategory.Other)]
    [InlineData("some-new-license", LicenseCategory.Other)]
    [InlineData(" Apache-2.0 ", LicenseCategory.Permissive)]
    [InlineData("", LicenseCategory.Other)]
    public void Default_taxonomy_puts_each_license_in_its_category(string license, LicenseCategory expected)
    {
        Assert.Equal(expected, LicenseTaxonomy.Default.Categorize(license));
    }

    [Fact]
    public void Every_exact_rule_of_the_data_file_decides_its_own_id()
    {
        var taxonomy = LicenseTaxonomy.Default;
        Assert.True(taxonomy.Rules.Count > 50);
        foreach (var rule in taxonomy.Rules.Where(r => !r.Pattern.EndsWith('*')))
        {
            Assert.Same(rule, taxonomy.RuleFor(rule.Pattern));
        }
    }

    [Fact]
    public void First_matching_rule_wins_over_later_wildcards()
    {
        var taxonomy = new LicenseTaxonomy([
            new LicenseRule("cc-by-nc-*", LicenseCategory.UseRestricted, ""),
            new LicenseRule("cc-by-*", LicenseCategory.Attribution, ""),
        ]);

        Assert.Equal(LicenseCategory.UseRestricted, taxonomy.Categorize("cc-by-nc-4.0"));
        Assert.Equal(LicenseCategory.Attribution, taxonomy.Categorize("cc-by-4.0"));
        Assert.Equal(LicenseCategory.Other, taxonomy.Categorize("mit"));
    }

    [Fact]
    public void Category_names_round_trip()
    {
        foreach (var category in Enum.GetValues<LicenseCategory>())
        {
            Assert.True(LicenseCategories.TryParse(category.Name(), out var parsed));
            Assert.Equal(category, parsed);
        }
        Assert.False(LicenseCategories.TryParse("free-ish", out _));
    }
}
