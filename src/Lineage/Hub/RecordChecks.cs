using System.Globalization;

namespace Kinship.Lineage.Hub;

/// <summary>
/// The checks every record passes before it lands, whatever its format: an id without control characters (a U+0000
/// would be stored truncated, an ESC would reach terminals), counts that are not negative, a finite trending score.
/// </summary>
public static class RecordChecks
{
    /// <summary>Why the record must be rejected, or null when it may land.</summary>
    public static string? Problem(ModelRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var control = record.Id.AsSpan().IndexOfAnyInRange('\u0000', '\u001F');
        if (control < 0)
        {
            control = record.Id.AsSpan().IndexOfAnyInRange('\u007F', '\u009F');
        }
        if (control >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"id contains the control character U+{(int)record.Id[control]:X4} at position {control + 1}");
        }
        if (record.Downloads is < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"downloads is negative ({record.Downloads})");
        }
        if (record.Likes is < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"likes is negative ({record.Likes})");
        }
        if (record.TrendingScore is { } trending && !double.IsFinite(trending))
        {
            return "trendingScore is not a finite number (out of range)";
        }
        return null;
    }
}
