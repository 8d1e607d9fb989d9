namespace Kinship.Lineage.Traits;

/// <summary>One row of the license taxonomy: an exact id or a <c>prefix*</c> pattern, its category, and why.</summary>
/// <param name="Pattern">An exact lower-case id, or a prefix ending in <c>*</c>.</param>
/// <param name="Category">The category of every id the pattern matches.</param>
/// <param name="Note">Why, when the choice is not obvious (may be empty).</param>
public sealed record LicenseRule(string Pattern, LicenseCategory Category, string Note)
{
    /// <summary>Whether <paramref name="id"/> (already lower-case and trimmed) matches this rule.</summary>
    public bool Matches(string id) => Pattern.EndsWith('*')
        ? id.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), StringComparison.Ordinal)
        : id.Equals(Pattern, StringComparison.Ordinal);
}
