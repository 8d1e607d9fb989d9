using Kinship.Lineage.Compliance;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Compliance;

public sealed class LicenseComplianceTests
{
    private static readonly LicenseCompliance Checker = new();

    private static RuleViolation[] Check(Relation relation, string[] parent, string[] child, string? card = null) =>
        [.. Checker.Check(relation, parent, child, CardLicenseReference.Parse(card))];

    [Fact]
    public void Llama_child_relicensed_permissively_breaks_commercial_terms()
    {
        Assert.Equal([new RuleViolation(ComplianceRule.CommercialTerms, "llama3.1")], Check(Relation.Finetune, ["llama3.1"], ["apache-2.0"]));
    }

    [Fact]
    public void Llama_child_keeping_the_license_or_naming_it_under_other_complies()
    {
        Assert.Empty(Check(Relation.Finetune, ["llama3.1"], ["llama3.1"]));
        Assert.Empty(Check(Relation.Finetune, ["gemma"], ["other"], "---\nlicense: other\nlicense_link: https://ai.google.dev/gemma/terms\n---\n"));
    }

    [Fact]
    public void Other_that_names_a_different_license_does_not_keep_commercial_terms()
    {
        Assert.Equal([new RuleViolation(ComplianceRule.CommercialTerms, "gemma")],
            Check(Relation.Finetune, ["gemma"], ["other"], "---\nlicense_name: llama3\n---\n"));
        Assert.Equal([new RuleViolation(ComplianceRule.CommercialTerms, "llama2")], Check(Relation.Finetune, ["llama2"], ["llama3"]));
    }

    [Fact]
    public void Non_commercial_child_becoming_free_to_use_breaks_the_use_restriction()
    {
        Assert.Equal([new RuleViolation(ComplianceRule.UseRestriction, "cc-by-nc-4.0")], Check(Relation.Finetune, ["cc-by-nc-4.0"], ["mit"]));
        Assert.Equal([new RuleViolation(ComplianceRule.UseRestriction, "openrail")], Check(Relation.Merge, ["openrail"], ["cc-by-4.0"]));
        Assert.Empty(Check(Relation.Finetune, ["cc-by-nc-4.0"], ["cc-by-nc-sa-4.0"]));
        Assert.Empty(Check(Relation.Finetune, ["cc-by-nc-4.0"], ["mit", "cc-by-nc-4.0"]));
        Assert.Empty(Check(Relation.Finetune, ["creativeml-openrail-m"], ["other"]));
    }

    [Fact]
    public void Copyleft_parent_requires_the_same_license()
    {
        Assert.Equal([new RuleViolation(ComplianceRule.Copyleft, "gpl-3.0")], Check(Relation.Finetune, ["gpl-3.0"], ["agpl-3.0"]));
        Assert.Equal([new RuleViolation(ComplianceRule.Copyleft, "cc-by-sa-4.0")], Check(Relation.Finetune, ["cc-by-sa-4.0"], ["cc-by-4.0"]));
        Assert.Empty(Check(Relation.Finetune, ["gpl-3.0"], ["gpl-3.0"]));
    }

    [Fact]
    public void Adapters_and_quantizations_inherit_every_term()
    {
        Assert.Equal([new RuleViolation(ComplianceRule.DerivativeInherits, "mit")], Check(Relation.Quantized, ["mit"], ["apache-2.0"]));
        Assert.Equal([new RuleViolation(ComplianceRule.DerivativeInherits, "apache-2.0+mit")], Check(Relation.Adapter, ["apache-2.0", "mit"], ["mit"]));
        Assert.Empty(Check(Relation.Finetune, ["mit"], ["apache-2.0"]));
        Assert.Empty(Check(Relation.Quantized, ["mit", "apache-2.0"], ["apache-2.0", "mit"]));
    }

    [Fact]
    public void Adapter_declaring_other_that_names_the_parent_license_inherits_its_terms()
    {
        const string card = "---\nlicense: other\nlicense_name: llama3.1\n---\n";
        Assert.Empty(Check(Relation.Adapter, ["llama3.1"], ["other"], card));
        Assert.Equal([new RuleViolation(ComplianceRule.DerivativeInherits, "llama3.1")], Check(Relation.Adapter, ["llama3.1"], ["other", "mit"], card));
        Assert.Equal([new RuleViolation(ComplianceRule.CommercialTerms, "llama3.1"), new RuleViolation(ComplianceRule.DerivativeInherits, "llama3.1")],
            Check(Relation.Quantized, ["llama3.1"], ["other"]));
    }

    [Fact]
    public void Llama_adapter_relicensed_breaks_two_rules()
    {
        Assert.Equal(
            [new RuleViolation(ComplianceRule.CommercialTerms, "llama3"), new RuleViolation(ComplianceRule.DerivativeInherits, "llama3")],
            Check(Relation.Adapter, ["llama3"], ["mit"]));
    }

    [Fact]
    public void Missing_child_license_is_a_finding_only_when_terms_must_travel()
    {
        Assert.Equal([new RuleViolation(ComplianceRule.LicenseMissing, "gemma")], Check(Relation.Finetune, ["mit", "gemma"], []));
        Assert.Equal([new RuleViolation(ComplianceRule.LicenseMissing, "mit")], Check(Relation.Quantized, ["mit"], []));
        Assert.Empty(Check(Relation.Finetune, ["mit"], []));
    }

    [Fact]
    public void Parent_without_license_is_not_checked()
    {
        Assert.Empty(Check(Relation.Adapter, [], ["mit"]));
    }

    [Fact]
    public void Rules_carry_fixed_severities()
    {
        Assert.Equal(FindingSeverity.High, ComplianceRule.CommercialTerms.Severity());
        Assert.Equal(FindingSeverity.High, ComplianceRule.UseRestriction.Severity());
        Assert.Equal(FindingSeverity.Medium, ComplianceRule.Copyleft.Severity());
        Assert.Equal(FindingSeverity.Low, ComplianceRule.DerivativeInherits.Severity());
        Assert.Equal(FindingSeverity.Low, ComplianceRule.LicenseMissing.Severity());
    }
}
