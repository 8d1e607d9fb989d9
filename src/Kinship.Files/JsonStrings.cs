using System.Text.Json;

namespace Kinship.Files;

/// <summary>
/// Finds JSON strings that are not text: an escape such as <c>\ud800</c> naming half of a surrogate pair parses as JSON
/// but cannot become a .NET string (<see cref="JsonElement.GetString"/> throws), so input readers reject the record naming the field.
/// </summary>
public static class JsonStrings
{
    /// <summary>True when the raw JSON text holds a <c>\uD800</c>–<c>\uDFFF</c> escape at all (a cheap pre-check).</summary>
    public static bool MayHoldSurrogateEscape(ReadOnlySpan<char> json)
    {
        for (var at = json.IndexOf("\\u", StringComparison.Ordinal); at >= 0 && at + 3 < json.Length; at = Next(json, at))
        {
            if (json[at + 2] is 'd' or 'D' && json[at + 3] is (>= '8' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'))
            {
                return true;
            }
        }
        return false;

        static int Next(ReadOnlySpan<char> json, int at)
        {
            var next = json[(at + 2)..].IndexOf("\\u", StringComparison.Ordinal);
            return next < 0 ? -1 : at + 2 + next;
        }
    }

    /// <summary>True when the raw UTF-8 JSON holds a <c>\uD800</c>–<c>\uDFFF</c> escape at all (a cheap pre-check).</summary>
    public static bool MayHoldSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (true)
        {
            var at = json[offset..].IndexOf("\\u"u8);
            if (at < 0 || offset + at + 3 >= json.Length)
            {
                return false;
            }
            at += offset;
            if (json[at + 2] is (byte)'d' or (byte)'D' && json[at + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
            offset = at + 2;
        }
    }

    /// <summary>The path (<c>cardData.license</c>, <c>tags[2]</c>) of the first string or property name that is not valid UTF-16, or null.</summary>
    public static string? FirstLoneSurrogate(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : path.Length == 0 ? "(value)" : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? "(a property name)" : path + ".(a property name)";
                    }
                    if (FirstLoneSurrogate(property.Value, path.Length == 0 ? name : path + "." + name) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstLoneSurrogate(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsText(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
