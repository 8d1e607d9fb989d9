using System.Text.RegularExpressions;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Finds a path's final answer in the text it generated itself. Input is a path's text after its prompt
/// (<c>IGenerationSequence.Text</c>, or a whole saved model output); the <c>&lt;comment&gt;…&lt;/comment&gt;</c>
/// blocks it received from peers are removed first, so a peer's boxed answer is never taken for the path's own
/// (the LeaP release scored the whole transcript, prompt and peers' comments included).
/// </summary>
public static partial class AnswerExtractor
{
    private static readonly string[] BoxCommands = [@"\boxed", @"\fbox"];

    /// <summary>The path's own text: <paramref name="pathText"/> without the peer-comment blocks it received (an unclosed block runs to the end).</summary>
    public static string OwnText(string pathText)
    {
        ArgumentNullException.ThrowIfNull(pathText);
        const string Open = "<comment>", Close = "</comment>";
        var start = pathText.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            return pathText;
        }
        var own = new System.Text.StringBuilder(pathText.Length);
        var position = 0;
        while (start >= 0)
        {
            own.Append(pathText, position, start - position);
            var end = pathText.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                return own.ToString();
            }
            position = end + Close.Length;
            start = pathText.IndexOf(Open, position, StringComparison.Ordinal);
        }
        own.Append(pathText, position, pathText.Length - position);
        return own.ToString();
    }

    /// <summary>Extracts the answer for <paramref name="item"/>: a letter for multiple choice, otherwise a math answer.</summary>
    public static string? Extract(string pathText, BenchmarkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Options is { } options ? ExtractChoice(pathText, options.Count) : ExtractMath(pathText);
    }

    /// <summary>
    /// The math answer in the path's own text: the content of the last <c>\boxed{…}</c> or <c>\fbox{…}</c>
    /// (brace-matched; a box left open by a truncated forced answer yields the rest of its line), else the text
    /// after the last "the answer is" / "final answer:" up to the end of its sentence; null when there is none.
    /// </summary>
    public static string? ExtractMath(string pathText)
    {
        var text = OwnText(pathText);
        var boxed = LastBoxed(text);
        if (boxed is not null)
        {
            return boxed;
        }
        var matches = AnswerIsPattern().Matches(text);
        for (var i = matches.Count - 1; i >= 0; i--)
        {
            var rest = text[(matches[i].Index + matches[i].Length)..];
            var end = SentenceEnd(rest);
            var answer = rest[..end].Trim().Trim('$').Trim().TrimEnd('.').Trim();
            if (answer.Length > 0)
            {
                return answer;
            }
        }
        return null;
    }

    /// <summary>
    /// The chosen letter in the path's own text among <paramref name="optionCount"/> options: the last of
    /// <c>"ANSWER": "X"</c>, <c>ANSWER: X</c>, <c>\boxed{X}</c>, "the answer is (X)"; else a lone letter ending the text.
    /// </summary>
    public static string? ExtractChoice(string pathText, int optionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(optionCount, 1);
        var text = OwnText(pathText);
        var last = 'A' + optionCount - 1;
        var bestIndex = -1;
        string? best = null;
        foreach (var pattern in (ReadOnlySpan<Regex>)[AnswerFieldPattern(), BoxedLetterPattern(), AnswerIsLetterPattern()])
        {
            foreach (Match m in pattern.Matches(text))
            {
                var letter = char.ToUpperInvariant(m.Groups["letter"].Value[0]);
                if (letter <= last && m.Index > bestIndex)
                {
                    bestIndex = m.Index;
                    best = letter.ToString();
                }
            }
        }
        if (best is not null)
        {
            return best;
        }
        var lone = LoneLetterPattern().Match(text);
        return lone.Success && lone.Groups["letter"].Value[0] <= last ? lone.Groups["letter"].Value : null;
    }

    private static string? LastBoxed(string text)
    {
        var searchEnd = text.Length;
        while (searchEnd > 0)
        {
            var (index, command) = LastCommand(text, searchEnd);
            if (index < 0)
            {
                return null;
            }
            var i = index + command.Length;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
            if (i < text.Length && text[i] == '{')
            {
                var depth = 0;
                for (var j = i; j < text.Length; j++)
                {
                    if (text[j] == '{')
                    {
                        depth++;
                    }
                    else if (text[j] == '}' && --depth == 0)
                    {
                        var content = text[(i + 1)..j].Trim();
                        if (content.Length > 0)
                        {
                            return content;
                        }
                        break;
                    }
                }
                if (depth > 0)
                {
                    // A forced answer cut by the token limit: take the rest of its line.
                    var rest = text[(i + 1)..];
                    var newline = rest.IndexOf('\n', StringComparison.Ordinal);
                    var partial = (newline < 0 ? rest : rest[..newline]).Trim();
                    if (partial.Length > 0)
                    {
                        return partial;
                    }
                }
            }
            else if (i > index + command.Length && i < text.Length)
            {
                // "\boxed 5": the next token.
                var j = i;
                while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] != '$')
                {
                    j++;
                }
                if (j > i)
                {
                    return text[i..j];
                }
            }
            searchEnd = index;
        }
        return null;
    }

    private static (int Index, string Command) LastCommand(string text, int searchEnd)
    {
        var best = (-1, "");
        foreach (var command in BoxCommands)
        {
            var index = text.LastIndexOf(command, searchEnd - 1, searchEnd, StringComparison.Ordinal);
            if (index > best.Item1)
            {
                best = (index, command);
            }
        }
        return best;
    }

    private static int SentenceEnd(string rest)
    {
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == '\n' || (rest[i] == '.' && (i + 1 == rest.Length || char.IsWhiteSpace(rest[i + 1]))))
            {
                return i;
            }
        }
        return rest.Length;
    }

    [GeneratedRegex(@"(?:the\s+(?:final\s+)?answer\s+is|final\s+answer\s*(?:is|:))\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerIsPattern();

    [GeneratedRegex(@"""?\bANSWER""?\s*[:：]\s*""?\s*\(?(?<letter>(?-i:[A-Z]))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerFieldPattern();

    [GeneratedRegex(@"\\(?:boxed|fbox)\s*\{\s*(?:\\text(?:bf)?\{\s*)?\(?(?<letter>[A-Z])\)?\s*\}?\s*\}", RegexOptions.CultureInvariant)]
    private static partial Regex BoxedLetterPattern();

    [GeneratedRegex(@"answer\s+is\s*:?\s*(?:option\s+)?\(?(?<letter>(?-i:[A-Z]))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerIsLetterPattern();

    [GeneratedRegex(@"(?:^|[\s(*])(?<letter>[A-Z])\)?[.*]*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneLetterPattern();
}
