using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// Python's <c>repr()</c> of a parsed JSON value, as <c>str(json.loads(text))</c> prints it: the study's metadata DNA is
/// <c>str()</c> of the listing dict (study §3.1a). Dicts keep source key order (a repeated key keeps its first position and
/// its last value, as <c>json.loads</c>); <c>True</c>/<c>False</c>/<c>None</c>; ints as written; floats in Python's
/// shortest round-trip form; strings with Python's quote choice and escapes.
/// </summary>
public static class PythonRepr
{
    /// <summary><c>repr(json.loads(json))</c>, leaving out the top-level keys in <paramref name="skipKeys"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static string FromJson(string json, IReadOnlySet<string>? skipKeys = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var builder = new StringBuilder(json.Length + 16);
        Append(document.RootElement, builder, skipKeys);
        return builder.ToString();
    }

    /// <summary>Appends the repr of one JSON value.</summary>
    public static void Append(JsonElement value, StringBuilder output, IReadOnlySet<string>? skipKeys = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AppendObject(value, output, skipKeys);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(", ");
                    }
                    first = false;
                    Append(item, output);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(value.GetString()!, output);
                break;
            case JsonValueKind.Number:
                AppendNumber(value.GetRawText(), output);
                break;
            case JsonValueKind.True:
                output.Append("True");
                break;
            case JsonValueKind.False:
                output.Append("False");
                break;
            default:
                output.Append("None");
                break;
        }
    }

    private static void AppendObject(JsonElement value, StringBuilder output, IReadOnlySet<string>? skipKeys)
    {
        // json.loads builds a dict: a repeated key keeps its first position and takes its last value.
        var order = new List<string>();
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (skipKeys is not null && skipKeys.Contains(property.Name))
            {
                continue;
            }
            if (!values.ContainsKey(property.Name))
            {
                order.Add(property.Name);
            }
            values[property.Name] = property.Value;
        }
        output.Append('{');
        for (var i = 0; i < order.Count; i++)
        {
            if (i > 0)
            {
                output.Append(", ");
            }
            AppendString(order[i], output);
            output.Append(": ");
            Append(values[order[i]], output);
        }
        output.Append('}');
    }

    /// <summary>Python's <c>repr(str)</c>: single quotes unless the text has a single quote and no double quote.</summary>
    public static void AppendString(string text, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        output.Append(quote);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote || c == '\\')
            {
                output.Append('\\').Append(c);
            }
            else if (c == '\t')
            {
                output.Append("\\t");
            }
            else if (c == '\n')
            {
                output.Append("\\n");
            }
            else if (c == '\r')
            {
                output.Append("\\r");
            }
            else if (c < ' ' || c == 0x7F)
            {
                output.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c < 0x7F)
            {
                output.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var scalar = char.ConvertToUtf32(c, text[i + 1]);
                if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(scalar)))
                {
                    output.Append(c).Append(text[i + 1]);
                }
                else
                {
                    output.Append("\\U").Append(scalar.ToString("x8", CultureInfo.InvariantCulture));
                }
                i++;
            }
            else if (IsPrintable(CharUnicodeInfo.GetUnicodeCategory(c)) && !char.IsSurrogate(c))
            {
                output.Append(c);
            }
            else
            {
                output.Append(c <= 0xFF ? "\\x" : "\\u").Append(((int)c).ToString(c <= 0xFF ? "x2" : "x4", CultureInfo.InvariantCulture));
            }
        }
        output.Append(quote);
    }

    /// <summary>Python's <c>str.isprintable()</c> for one character: not a control, format, surrogate, private-use, unassigned or separator (space excepted).</summary>
    private static bool IsPrintable(UnicodeCategory category) => category is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);

    /// <summary>A JSON number as Python prints what <c>json.loads</c> made of it: an int as its digits, a float via <c>float.__repr__</c>.</summary>
    private static void AppendNumber(string raw, StringBuilder output)
    {
        if (!raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            // int(): arbitrary precision, "-0" is 0, no leading zeros exist in JSON.
            output.Append(raw == "-0" ? "0" : raw);
            return;
        }
        AppendFloat(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture), output);
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest round-trip digits, positional when -4 ≤ exponent &lt; 16, else d.ddde±XX.</summary>
    public static void AppendFloat(double value, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (double.IsNaN(value))
        {
            output.Append("nan");
            return;
        }
        if (double.IsInfinity(value))
        {
            output.Append(value > 0 ? "inf" : "-inf");
            return;
        }
        if (value == 0)
        {
            output.Append(double.IsNegative(value) ? "-0.0" : "0.0");
            return;
        }
        // "E16" is not shortest; "R" is. Take R's digits and exponent and lay them out as Python does.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent; // value = 0.d1d2d3... × 10^decpt, Python's decpt
        var e = r.IndexOfAny(['E', 'e']);
        var mantissa = e >= 0 ? r[..e] : r;
        var exp10 = e >= 0 ? int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        digits = all.TrimEnd('0');
        exponent = intPart.Length - leadingZeros + exp10;
        if (digits.Length == 0)
        {
            digits = "0";
        }
        if (value < 0)
        {
            output.Append('-');
        }
        if (exponent > -4 && exponent <= 16)
        {
            if (exponent <= 0)
            {
                output.Append("0.").Append('0', -exponent).Append(digits);
            }
            else if (exponent >= digits.Length)
            {
                output.Append(digits).Append('0', exponent - digits.Length).Append(".0");
            }
            else
            {
                output.Append(digits, 0, exponent).Append('.').Append(digits, exponent, digits.Length - exponent);
            }
            return;
        }
        output.Append(digits[0]);
        if (digits.Length > 1)
        {
            output.Append('.').Append(digits, 1, digits.Length - 1);
        }
        var x = exponent - 1;
        output.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
    }
}
