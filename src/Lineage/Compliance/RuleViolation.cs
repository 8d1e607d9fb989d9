namespace Kinship.Lineage.Compliance;

/// <summary>One rule an edge breaks, and the parent license (or license set) that brought the rule in.</summary>
public readonly record struct RuleViolation(ComplianceRule Rule, string License)
{
    /// <summary>The rule's fixed severity.</summary>
    public FindingSeverity Severity => Rule.Severity();
}
