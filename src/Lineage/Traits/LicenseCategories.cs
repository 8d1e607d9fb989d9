namespace Kinship.Lineage.Traits;

/// <summary>Names of <see cref="LicenseCategory"/> values as the taxonomy file and <c>results.json</c> write them.</summary>
public static class LicenseCategories
{
    /// <summary>The kebab-case name of a category (<c>commercial-restricted</c>, <c>use-restricted</c>, ...).</summary>
    public static string Name(this LicenseCategory category) => category switch
    {
        LicenseCategory.Permissive => "permissive",
        LicenseCategory.Attribution => "attribution",
        LicenseCategory.Copyleft => "copyleft",
        LicenseCategory.UseRestricted => "use-restricted",
        LicenseCategory.CommercialRestricted => "commercial-restricted",
        _ => "other",
    };

    /// <summary>Parses a category name as <see cref="Name"/> writes it; false when unknown.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out LicenseCategory category)
    {
        text = text.Trim();
        foreach (var c in (ReadOnlySpan<LicenseCategory>)[LicenseCategory.Other, LicenseCategory.Permissive, LicenseCategory.Attribution,
                     LicenseCategory.Copyleft, LicenseCategory.UseRestricted, LicenseCategory.CommercialRestricted])
        {
            if (text.Equals(c.Name(), StringComparison.OrdinalIgnoreCase))
            {
                category = c;
                return true;
            }
        }
        category = LicenseCategory.Other;
        return false;
    }
}
