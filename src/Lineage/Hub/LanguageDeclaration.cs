namespace Kinship.Lineage.Hub;

/// <summary>Classifies a tag or card value as a language declaration.</summary>
public static class LanguageDeclaration
{
    /// <summary>True for an ISO-639-1 two-letter code (case-insensitive): the only tags the study counted as languages.</summary>
    public static bool IsTwoLetter(string value) =>
        value.Length == 2 && IsoLanguageCodes.TwoLetter.Contains(value.ToLowerInvariant());

    /// <summary>True for another language declaration: an ISO-639-2 three-letter code or <c>multilingual</c>.</summary>
    public static bool IsOther(string value) =>
        (value.Length == 3 && IsoLanguageCodes.ThreeLetter.Contains(value.ToLowerInvariant()))
        || value.Equals("multilingual", StringComparison.OrdinalIgnoreCase);
}
