namespace Kinship.Lineage.Similarity;

/// <summary>Turns a model's raw listing JSON or card into its DNA document (study §3.1), or null when it has none.</summary>
public static class DnaDocuments
{
    /// <summary>Cards shorter than this many characters carry no card DNA, and card DNA is cut to this length.</summary>
    public const int CardLength = 512;

    /// <summary>Names of the DNA kinds as they appear in results (<c>metadata</c>, <c>card</c>).</summary>
    public static string Name(this DnaKind kind) => kind == DnaKind.Card ? "card" : "metadata";

    /// <summary>Metadata DNA (study §3.1a) in the JSON form: the stored record text itself; null when the model has none.</summary>
    public static string? MetadataDna(string? rawJson) => string.IsNullOrEmpty(rawJson) ? null : rawJson;

    /// <summary>
    /// Metadata DNA (study §3.1a) in <paramref name="format"/>: the stored record text, or Python's <c>repr</c> of it
    /// (<c>str(dict)</c>, the study's form); a record that is not valid JSON keeps its text; null when the model has none.
    /// </summary>
    public static string? MetadataDna(string? rawJson, DnaFormat format)
    {
        if (string.IsNullOrEmpty(rawJson) || format == DnaFormat.Json)
        {
            return MetadataDna(rawJson);
        }
        try
        {
            return PythonRepr.FromJson(rawJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return rawJson;
        }
    }

    /// <summary>
    /// Card DNA (study §3.1b): the first 512 characters of a card of at least 512 characters that contains neither
    /// "automatically generated" nor "generated automatically" (case-insensitive); null otherwise.
    /// Characters are Unicode scalar values, as Python counts them, so a surrogate pair is one character.
    /// </summary>
    public static string? CardDna(string? card)
    {
        if (card is null || card.Length < CardLength)
        {
            return null;
        }
        if (IsAutomaticallyGenerated(card))
        {
            return null;
        }
        var span = card.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return card.Length == CardLength ? card : card[..CardLength];
        }
        // Slow path: count scalar values so a surrogate pair counts once.
        var scalars = 0;
        var end = 0;
        while (end < span.Length && scalars < CardLength)
        {
            end += char.IsHighSurrogate(span[end]) && end + 1 < span.Length && char.IsLowSurrogate(span[end + 1]) ? 2 : 1;
            scalars++;
        }
        return scalars < CardLength ? null : card[..end];
    }

    /// <summary>True when a card contains "automatically generated" or "generated automatically" in any letter case.</summary>
    public static bool IsAutomaticallyGenerated(ReadOnlySpan<char> card) =>
        card.Contains("automatically generated", StringComparison.OrdinalIgnoreCase)
        || card.Contains("generated automatically", StringComparison.OrdinalIgnoreCase);

    /// <summary>The DNA document of one kind from a model's raw text of that kind (metadata in the JSON form).</summary>
    public static string? Dna(DnaKind kind, string? raw) => kind == DnaKind.Card ? CardDna(raw) : MetadataDna(raw);

    /// <summary>The DNA document of one kind from a model's raw text of that kind, metadata written in <paramref name="format"/>.</summary>
    public static string? Dna(DnaKind kind, string? raw, DnaFormat format) => kind == DnaKind.Card ? CardDna(raw) : MetadataDna(raw, format);
}
