namespace Kinship.Lineage.Hub;

/// <summary>
/// The Hub's tag grammar as the study parsed it (Lineage study §1.2, §7.3): <c>base_model:X</c> (untyped parent),
/// <c>base_model:{finetune|adapter|quantized|merge}:X</c> (typed parent), <c>license:</c>, <c>dataset:</c>,
/// <c>arxiv:</c>, and bare ISO-639-1 two-letter language codes.
/// </summary>
public static class TagGrammar
{
    private const string BaseModelPrefix = "base_model:";
    private const string LicensePrefix = "license:";
    private const string DatasetPrefix = "dataset:";
    private const string ArxivPrefix = "arxiv:";

    /// <summary>Parses a model's tags; the untyped and typed tags for the same parent become one parent with the typed relation.</summary>
    public static TagFacts Parse(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        List<string>? licenses = null, languages = null, other = null, datasets = null, arxiv = null;
        var parents = new ParentSet();
        foreach (var tag in tags)
        {
            if (string.IsNullOrEmpty(tag))
            {
                continue;
            }
            if (tag.StartsWith(BaseModelPrefix, StringComparison.Ordinal))
            {
                var rest = tag.AsSpan(BaseModelPrefix.Length);
                var colon = rest.IndexOf(':');
                if (colon > 0 && Relations.TryParse(rest[..colon], out var relation) && relation != Relation.Unknown)
                {
                    parents.Add(rest[(colon + 1)..].Trim().ToString(), relation, ParentSource.Tags);
                }
                else if (colon < 0 && !rest.Trim().IsEmpty)
                {
                    parents.Add(rest.Trim().ToString(), Relation.Unknown, ParentSource.Tags);
                }
            }
            else if (tag.StartsWith(LicensePrefix, StringComparison.Ordinal))
            {
                AddDistinct(ref licenses, tag[LicensePrefix.Length..]);
            }
            else if (tag.StartsWith(DatasetPrefix, StringComparison.Ordinal))
            {
                AddDistinct(ref datasets, tag[DatasetPrefix.Length..]);
            }
            else if (tag.StartsWith(ArxivPrefix, StringComparison.Ordinal))
            {
                AddDistinct(ref arxiv, tag[ArxivPrefix.Length..]);
            }
            else if (LanguageDeclaration.IsTwoLetter(tag))
            {
                AddDistinct(ref languages, tag.ToLowerInvariant());
            }
            else if (LanguageDeclaration.IsOther(tag))
            {
                AddDistinct(ref other, tag.ToLowerInvariant());
            }
        }
        return new TagFacts(
            (IReadOnlyList<string>?)licenses ?? [],
            (IReadOnlyList<string>?)languages ?? [],
            (IReadOnlyList<string>?)other ?? [],
            (IReadOnlyList<string>?)datasets ?? [],
            (IReadOnlyList<string>?)arxiv ?? [],
            parents.ToList());
    }

    private static void AddDistinct(ref List<string>? list, string value)
    {
        value = value.Trim();
        if (value.Length == 0)
        {
            return;
        }
        list ??= [];
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
