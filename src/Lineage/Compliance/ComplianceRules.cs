namespace Kinship.Lineage.Compliance;

/// <summary>Names and fixed severities of <see cref="ComplianceRule"/> values.</summary>
public static class ComplianceRules
{
    /// <summary>Every rule, in enum order.</summary>
    public static readonly IReadOnlyList<ComplianceRule> All =
        [ComplianceRule.CommercialTerms, ComplianceRule.UseRestriction, ComplianceRule.Copyleft, ComplianceRule.DerivativeInherits, ComplianceRule.LicenseMissing];

    /// <summary>The kebab-case name <c>results.json</c> uses.</summary>
    public static string Name(this ComplianceRule rule) => rule switch
    {
        ComplianceRule.CommercialTerms => "commercial-terms",
        ComplianceRule.UseRestriction => "use-restriction",
        ComplianceRule.Copyleft => "copyleft",
        ComplianceRule.DerivativeInherits => "derivative-inherits",
        _ => "license-missing",
    };

    /// <summary>
    /// The severity of breaking a rule: dropping commercial or use restrictions is high (the upstream terms are lost);
    /// leaving a copyleft license is medium; a relabelled adapter or quantization and a missing license are low.
    /// </summary>
    public static FindingSeverity Severity(this ComplianceRule rule) => rule switch
    {
        ComplianceRule.CommercialTerms or ComplianceRule.UseRestriction => FindingSeverity.High,
        ComplianceRule.Copyleft => FindingSeverity.Medium,
        _ => FindingSeverity.Low,
    };

    /// <summary>One sentence stating the rule.</summary>
    public static string Description(this ComplianceRule rule) => rule switch
    {
        ComplianceRule.CommercialTerms => "a child of a commercial-restricted license keeps it, or declares 'other' and its card's license_name or license_link names it",
        ComplianceRule.UseRestriction => "a child of a non-commercial or use-restricted license does not become permissive, attribution-only or copyleft",
        ComplianceRule.Copyleft => "a child of a copyleft license declares the same license",
        ComplianceRule.DerivativeInherits => "an adapter or quantization declares exactly its parent's licenses (an 'other' whose card names a parent license stands for it)",
        _ => "a child declares a license when its parent's is restricted or it is an adapter or quantization",
    };
}
