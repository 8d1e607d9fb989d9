using System.Globalization;

namespace Kinship.Lineage.Hub;

/// <summary>Parses the date forms Hub data uses: ISO-8601 (<c>2025-01-23T14:13:54.000Z</c>) and Python's <c>2025-01-23 14:13:54+00:00</c>.</summary>
public static class HubDates
{
    /// <summary>Parses a Hub date; a date without an offset is taken as UTC.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        text = text.Trim();
        // the Hub API's own form, two per listing record: read directly; anything else (and any odd field) goes through .NET's parser
        if (TryParseHubForm(text, out value))
        {
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> with every field in its ordinary range, which .NET's parser reads to the same value;
    /// false (not a rejection) for any other text.
    /// </summary>
    private static bool TryParseHubForm(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || text[19] != '.' || text[23] != 'Z')
        {
            return false;
        }
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || !Digits(text, 20, 3, out var millisecond))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }
            number = number * 10 + digit;
        }
        return true;
    }
}
