using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Compliance;

/// <summary>
/// Checks one parent→child edge against the license-inheritance rules (<see cref="ComplianceRule"/>), with license
/// categories from a <see cref="LicenseTaxonomy"/>. Pure: licenses in, violations out.
/// </summary>
public sealed class LicenseCompliance
{
    private const string Other = "other";

    /// <summary>A checker over <paramref name="taxonomy"/> (the shipped taxonomy when null).</summary>
    public LicenseCompliance(LicenseTaxonomy? taxonomy = null) => Taxonomy = taxonomy ?? LicenseTaxonomy.Default;

    /// <summary>The taxonomy deciding license categories.</summary>
    public LicenseTaxonomy Taxonomy { get; }

    /// <summary>
    /// The rules an edge breaks. Edges whose parent declares no license are not checked (empty result). A child with no
    /// license breaks only <see cref="ComplianceRule.LicenseMissing"/>, and only when a parent license is commercial-restricted,
    /// use-restricted or copyleft, or the child is an adapter or quantization. Licenses are lower-case ids.
    /// </summary>
    public IReadOnlyList<RuleViolation> Check(Relation relation, IReadOnlyList<string> parentLicenses, IReadOnlyList<string> childLicenses,
        CardLicenseReference? childReference = null)
    {
        ArgumentNullException.ThrowIfNull(parentLicenses);
        ArgumentNullException.ThrowIfNull(childLicenses);
        if (parentLicenses.Count == 0)
        {
            return [];
        }
        var inherits = relation is Relation.Adapter or Relation.Quantized;
        string? restricted = null;
        foreach (var p in parentLicenses)
        {
            if (Taxonomy.Categorize(p) is LicenseCategory.CommercialRestricted or LicenseCategory.UseRestricted or LicenseCategory.Copyleft)
            {
                restricted = p;
                break;
            }
        }
        if (restricted is null && !inherits)
        {
            return []; // no rule reaches an edge from freely usable licenses that is not an adapter or quantization
        }
        var violations = new List<RuleViolation>(1);
        if (childLicenses.Count == 0)
        {
            violations.Add(new RuleViolation(ComplianceRule.LicenseMissing, restricted ?? string.Join('+', parentLicenses)));
            return violations;
        }

        var childKeepsRestriction = false;
        var childIsFree = false;
        foreach (var c in childLicenses)
        {
            switch (Taxonomy.Categorize(c))
            {
                case LicenseCategory.CommercialRestricted or LicenseCategory.UseRestricted:
                    childKeepsRestriction = true;
                    break;
                case LicenseCategory.Permissive or LicenseCategory.Attribution or LicenseCategory.Copyleft:
                    childIsFree = true;
                    break;
            }
        }
        var reference = childReference ?? CardLicenseReference.None;
        var useRestrictionReported = false;
        foreach (var p in parentLicenses)
        {
            switch (Taxonomy.Categorize(p))
            {
                case LicenseCategory.CommercialRestricted:
                    if (!childLicenses.Contains(p) && !(childLicenses.Contains(Other) && reference.Names(p)))
                    {
                        violations.Add(new RuleViolation(ComplianceRule.CommercialTerms, p));
                    }
                    break;
                case LicenseCategory.UseRestricted:
                    if (!useRestrictionReported && !childKeepsRestriction && childIsFree)
                    {
                        violations.Add(new RuleViolation(ComplianceRule.UseRestriction, p));
                        useRestrictionReported = true;
                    }
                    break;
                case LicenseCategory.Copyleft:
                    if (!childLicenses.Contains(p))
                    {
                        violations.Add(new RuleViolation(ComplianceRule.Copyleft, p));
                    }
                    break;
            }
        }
        if (inherits && !SameTerms(parentLicenses, childLicenses, reference))
        {
            violations.Add(new RuleViolation(ComplianceRule.DerivativeInherits, string.Join('+', parentLicenses)));
        }
        return violations;
    }

    // The same set of licenses, where the child's `other` stands for every parent license its card names.
    private static bool SameTerms(IReadOnlyList<string> parent, IReadOnlyList<string> child, CardLicenseReference reference)
    {
        var namedOther = false;
        foreach (var p in parent)
        {
            if (child.Contains(p))
            {
                continue;
            }
            if (child.Contains(Other) && reference.Names(p))
            {
                namedOther = true;
                continue;
            }
            return false;
        }
        foreach (var c in child)
        {
            if (!parent.Contains(c) && !(c == Other && namedOther))
            {
                return false;
            }
        }
        return true;
    }
}
