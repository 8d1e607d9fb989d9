using System.Text.RegularExpressions;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Engine;

/// <summary>A minimal answer reader for <c>leap solve</c>: the last <c>\boxed{…}</c> (math) or the last answer-field letter (multiple choice).</summary>
public static partial class FinalAnswer
{
    /// <summary>The answer in <paramref name="text"/>, or null when there is none.</summary>
    public static string? Extract(string text, ProblemKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind == ProblemKind.Math ? LastBoxed(text) : LastChoice(text);
    }

    /// <summary>Content of the last <c>\boxed{…}</c> with balanced braces; an unclosed box (a capped forced answer) counts up to the end of text.</summary>
    public static string? LastBoxed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.LastIndexOf("\\boxed{", StringComparison.Ordinal);
        while (start >= 0)
        {
            var open = start + "\\boxed{".Length;
            var depth = 1;
            var i = open;
            for (; i < text.Length && depth > 0; i++)
            {
                depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            }
            var content = (depth == 0 ? text[open..(i - 1)] : text[open..]).Trim();
            if (content.Length > 0)
            {
                return content;
            }
            start = start == 0 ? -1 : text.LastIndexOf("\\boxed{", start - 1, StringComparison.Ordinal);
        }
        return null;
    }

    private static string? LastChoice(string text)
    {
        var matches = ChoicePattern().Matches(text);
        return matches.Count == 0 ? null : matches[^1].Groups[1].Value.ToUpperInvariant();
    }

    [GeneratedRegex("\"?ANSWER\"?\\s*:\\s*\"?\\(?([A-Za-z])\\b")]
    private static partial Regex ChoicePattern();
}
