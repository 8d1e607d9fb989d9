using System.Collections.Frozen;

namespace Kinship.Lineage.Traits;

/// <summary>
/// Maps Hub license ids to <see cref="LicenseCategory"/> with the ordered pattern rules of the embedded data file
/// <c>Traits/licenses.csv</c> (first match wins; unmatched ids are <see cref="LicenseCategory.Other"/>).
/// </summary>
public sealed class LicenseTaxonomy
{
    private const string ResourceName = "Kinship.Lineage.Traits.licenses.csv";
    private static readonly Lazy<LicenseTaxonomy> DefaultInstance = new(() => new LicenseTaxonomy(ReadDefaultRules()));

    private readonly LicenseRule[] _rules;
    private readonly FrozenDictionary<string, LicenseCategory> _exact;

    /// <summary>Builds a taxonomy from ordered rules (first match wins).</summary>
    public LicenseTaxonomy(IReadOnlyList<LicenseRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        // Exact ids that come before every wildcard that could also match them can be answered by lookup.
        var exact = new Dictionary<string, LicenseCategory>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            if (!rule.Pattern.EndsWith('*') && !exact.ContainsKey(rule.Pattern) && FirstMatch(rule.Pattern) is { } first)
            {
                exact[rule.Pattern] = first.Category;
            }
        }
        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The taxonomy shipped with Kinship (<c>Traits/licenses.csv</c>).</summary>
    public static LicenseTaxonomy Default => DefaultInstance.Value;

    /// <summary>The rules in the order they are tried.</summary>
    public IReadOnlyList<LicenseRule> Rules => _rules;

    /// <summary>The category of a license id (compared lower-case and trimmed); <see cref="LicenseCategory.Other"/> when no rule matches.</summary>
    public LicenseCategory Categorize(string? license)
    {
        if (string.IsNullOrWhiteSpace(license))
        {
            return LicenseCategory.Other;
        }
        var id = Normalize(license);
        if (_exact.TryGetValue(id, out var category))
        {
            return category;
        }
        return FirstMatch(id)?.Category ?? LicenseCategory.Other;
    }

    /// <summary>The rule that decides a license id, or null when none matches.</summary>
    public LicenseRule? RuleFor(string license) => FirstMatch(Normalize(license));

    /// <summary>A license id as the taxonomy compares it: trimmed and lower-case.</summary>
    public static string Normalize(string license)
    {
        ArgumentNullException.ThrowIfNull(license);
        var trimmed = license.Trim();
        foreach (var c in trimmed)
        {
            if (char.IsUpper(c))
            {
                return trimmed.ToLowerInvariant();
            }
        }
        return trimmed;
    }

    private LicenseRule? FirstMatch(string id)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(id))
            {
                return rule;
            }
        }
        return null;
    }

    private static List<LicenseRule> ReadDefaultRules()
    {
        var rules = new List<LicenseRule>();
        foreach (var (line, fields) in EmbeddedTable.Read(ResourceName))
        {
            if (fields.Length < 2 || !LicenseCategories.TryParse(fields[1], out var category) || fields[0].Trim().Length == 0)
            {
                throw new InvalidDataException($"{ResourceName} line {line}: expected 'pattern,category,note' with a known category, got '{string.Join(',', fields)}'");
            }
            rules.Add(new LicenseRule(Normalize(fields[0]), category, fields.Length > 2 ? string.Join(',', fields[2..]).Trim() : ""));
        }
        return rules;
    }
}
