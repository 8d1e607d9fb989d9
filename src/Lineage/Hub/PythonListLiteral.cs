using System.Text;

namespace Kinship.Lineage.Hub;

/// <summary>Parses the Python list literals of the study's released CSV (<c>['a', 'b']</c>, <c>[]</c>); <c>nan</c> and empty mean no list.</summary>
public static class PythonListLiteral
{
    /// <summary>Parses a list of string literals (single- or double-quoted, with backslash escapes).</summary>
    /// <exception cref="FormatException">The text is not a list of string literals.</exception>
    public static IReadOnlyList<string> Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.SequenceEqual("nan") || text.SequenceEqual("None") || text.SequenceEqual("[]"))
        {
            return [];
        }
        if (text[0] != '[' || text[^1] != ']')
        {
            throw new FormatException("not a list literal");
        }
        var items = new List<string>();
        var position = 1;
        var builder = new StringBuilder();
        while (true)
        {
            position = SkipSpaces(text, position);
            if (text[position] == ']')
            {
                if (position != text.Length - 1)
                {
                    throw new FormatException("text after the closing ']'");
                }
                return items;
            }
            var quote = text[position];
            if (quote is not ('\'' or '"'))
            {
                throw new FormatException($"expected a quoted string at character {position + 1}");
            }
            builder.Clear();
            position++;
            while (true)
            {
                if (position >= text.Length - 1)
                {
                    throw new FormatException("unterminated string");
                }
                var c = text[position++];
                if (c == quote)
                {
                    break;
                }
                if (c == '\\')
                {
                    var escaped = text[position++];
                    builder.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                    continue;
                }
                builder.Append(c);
            }
            items.Add(builder.ToString());
            position = SkipSpaces(text, position);
            if (text[position] == ',')
            {
                position++;
            }
            else if (text[position] != ']')
            {
                throw new FormatException($"expected ',' or ']' at character {position + 1}");
            }
        }
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
        return position < text.Length ? position : throw new FormatException("unterminated list");
    }
}
