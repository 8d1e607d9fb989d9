using System.Globalization;

namespace Kinship.Lineage.Hub;

/// <summary>Parses the date forms Hub data uses: ISO-8601 (<c>2025-01-23T14:13:54.000Z</c>) and Python's <c>2025-01-23 14:13:54+00:00</c>.</summary>
public static class HubDates
{
    /// <summary>Parses a Hub date; a date without an offset is taken as UTC.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
}
