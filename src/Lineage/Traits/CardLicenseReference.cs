namespace Kinship.Lineage.Traits;

/// <summary>
/// The <c>license_name</c> and <c>license_link</c> fields of a model card's YAML front matter: how a card whose license is
/// <c>other</c> says which license it means.
/// </summary>
/// <param name="Name">The top-level <c>license_name</c> value, or null.</param>
/// <param name="Link">The top-level <c>license_link</c> value, or null.</param>
public sealed record CardLicenseReference(string? Name, string? Link)
{
    /// <summary>No reference.</summary>
    public static CardLicenseReference None { get; } = new(null, null);

    /// <summary>Whether either field is present.</summary>
    public bool IsEmpty => Name is null && Link is null;

    /// <summary>
    /// Reads the two fields from the front matter (between a first line <c>---</c> and the next <c>---</c>): top-level
    /// <c>key: value</c> lines, quotes removed. Returns <see cref="None"/> when the card has no front matter or neither field.
    /// </summary>
    public static CardLicenseReference Parse(string? card)
    {
        if (card is null)
        {
            return None;
        }
        var text = card.AsSpan().TrimStart('\uFEFF').TrimStart();
        if (!text.StartsWith("---"))
        {
            return None;
        }
        text = text[3..];
        var firstBreak = text.IndexOf('\n');
        if (firstBreak < 0 || !text[..firstBreak].Trim().IsEmpty)
        {
            return None;
        }
        text = text[(firstBreak + 1)..];
        string? name = null, link = null;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            line = line.TrimEnd('\r');
            if (line.StartsWith("---") || line.StartsWith("..."))
            {
                break;
            }
            if (line.StartsWith("license_name:", StringComparison.Ordinal))
            {
                name ??= Value(line["license_name:".Length..]);
            }
            else if (line.StartsWith("license_link:", StringComparison.Ordinal))
            {
                link ??= Value(line["license_link:".Length..]);
            }
        }
        return name is null && link is null ? None : new CardLicenseReference(name, link);
    }

    /// <summary>
    /// Whether this reference names <paramref name="license"/>: with letters and digits alone kept, lower-case, the
    /// name or link contains the license id (so <c>llama3.1</c> is named by "Llama 3.1 Community License" or by
    /// <c>https://llama.meta.com/llama3_1/license</c>, and <c>gemma</c> by <c>https://ai.google.dev/gemma/terms</c>).
    /// </summary>
    public bool Names(string license)
    {
        ArgumentNullException.ThrowIfNull(license);
        var key = Squash(license);
        if (key.Length == 0)
        {
            return false;
        }
        return (Name is not null && Squash(Name).Contains(key, StringComparison.Ordinal))
            || (Link is not null && Squash(Link).Contains(key, StringComparison.Ordinal));
    }

    private static string Squash(string text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }
        return new string(buffer[..n]);
    }

    private static string? Value(ReadOnlySpan<char> raw)
    {
        var value = raw.Trim();
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0 && value.Length > 0 && value[0] is not '"' and not '\'')
        {
            value = value[..comment].TrimEnd();
        }
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            value = value[1..^1].Trim();
        }
        return value.IsEmpty ? null : value.ToString();
    }
}
