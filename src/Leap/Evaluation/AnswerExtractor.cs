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
        return item.Options is { } options ? FindChoice(pathText, options).Answer : ExtractMath(pathText);
    }

    /// <summary>
    /// The explicit math answer in the path's own text: the <c>boxed</c> or <c>answer-phrase</c> rule of
    /// <see cref="FindMath"/> only (what the engine records per path); null when there is none. Grading also applies the
    /// <c>bare</c> and <c>last-math</c> fallbacks.
    /// </summary>
    public static string? ExtractMath(string pathText) => FindMath(pathText) is { Rule: "boxed" or "answer-phrase" } found ? found.Answer : null;

    /// <summary>
    /// The math answer and the extraction rule that found it, tried in order: <c>boxed</c> (the last non-empty
    /// <c>\boxed{…}</c>/<c>\fbox{…}</c>, brace-matched; a box left open by a truncated forced answer yields the rest of its
    /// line), <c>answer-phrase</c> (after the last "the answer is" / "final answer:" / "answer:", to the end of its sentence;
    /// the last math expression in it when the phrase is followed by words), <c>bare</c> (a one-line prediction of at most
    /// 100 characters, or a lone <c>$…$</c>/<c>\[…\]</c> block, is the answer itself), <c>last-math</c> (the last math
    /// block or number of a longer text, as Math-Verify does); <c>none</c> with a null answer otherwise.
    /// </summary>
    public static (string? Answer, string Rule) FindMath(string pathText)
    {
        var text = OwnText(pathText);
        var boxed = LastBoxed(text);
        if (boxed is not null)
        {
            return (boxed, "boxed");
        }
        var matches = AnswerIsPattern().Matches(text);
        for (var i = matches.Count - 1; i >= 0; i--)
        {
            var rest = text[(matches[i].Index + matches[i].Length)..];
            var end = SentenceEnd(rest);
            var answer = StripMath(rest[..end]);
            if (answer.Length == 0)
            {
                continue;
            }
            if (LooksLikeAnswer(answer))
            {
                return (answer, "answer-phrase");
            }
            if (LastMath(rest[..end]) is { } inner)
            {
                return (inner, "answer-phrase");
            }
        }
        var trimmed = text.Replace("</think>", "", StringComparison.Ordinal).Replace("<think>", "", StringComparison.Ordinal).Trim();
        if (LoneMathBlock().Match(trimmed) is { Success: true } block)
        {
            return (block.Groups["m"].Value.Trim(), "bare");
        }
        if (trimmed.Length is > 0 and <= 100 && !trimmed.Contains('\n', StringComparison.Ordinal))
        {
            var bare = StripMath(trimmed);
            if (bare.Length > 0 && (LooksLikeAnswer(bare) || !bare.Any(char.IsWhiteSpace)))
            {
                return (bare, "bare");
            }
        }
        return LastMath(text) is { } last ? (last, "last-math") : (null, "none");
    }

    /// <summary>
    /// The chosen letter in the path's own text among <paramref name="optionCount"/> options: the last of
    /// <c>"ANSWER": "X"</c>, <c>Answer: X</c>, <c>\boxed{X}</c>, "the answer is (X)", <c>**X**</c>; else a lone letter ending the text.
    /// </summary>
    public static string? ExtractChoice(string pathText, int optionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(optionCount, 1);
        return FindChoice(pathText, optionCount, null).Answer;
    }

    /// <summary>The chosen letter among <paramref name="options"/> and the rule that found it; also accepts the text of one option as the answer (<c>choice-text</c>).</summary>
    public static (string? Answer, string Rule) FindChoice(string pathText, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FindChoice(pathText, options.Count, options);
    }

    private static (string? Answer, string Rule) FindChoice(string pathText, int optionCount, IReadOnlyList<string>? options)
    {
        ArgumentNullException.ThrowIfNull(pathText);
        var text = OwnText(pathText);
        var last = 'A' + optionCount - 1;
        var bestIndex = -1;
        string? best = null;
        var rule = "none";
        foreach (var (pattern, name) in (ReadOnlySpan<(Regex, string)>)[(AnswerFieldPattern(), "choice-field"), (BoxedLetterPattern(), "choice-boxed"), (AnswerIsLetterPattern(), "choice-phrase"), (BoldLetterPattern(), "choice-bold")])
        {
            foreach (Match m in pattern.Matches(text))
            {
                var letter = char.ToUpperInvariant(m.Groups["letter"].Value[0]);
                if (letter <= last && m.Index > bestIndex)
                {
                    bestIndex = m.Index;
                    best = letter.ToString();
                    rule = name;
                }
            }
        }
        if (best is not null)
        {
            return (best, rule);
        }
        var lone = LoneLetterPattern().Match(text);
        if (lone.Success && lone.Groups["letter"].Value[0] <= last)
        {
            return (lone.Groups["letter"].Value, "choice-lone");
        }
        if (options is not null && OptionByText(text, options) is { } byText)
        {
            return (byText, "choice-text");
        }
        return (null, "none");
    }

    /// <summary>The letter of the one option whose text the prediction gives as its answer (whole text, boxed, phrase or bare).</summary>
    private static string? OptionByText(string text, IReadOnlyList<string> options)
    {
        var candidates = new List<string> { StripMath(text.Trim()) };
        if (FindMath(text).Answer is { } math)
        {
            candidates.Add(math);
        }
        foreach (var candidate in candidates)
        {
            var matched = new List<int>();
            for (var i = 0; i < options.Count; i++)
            {
                if (string.Equals(Normalize(options[i]), Normalize(candidate), StringComparison.OrdinalIgnoreCase) || AnswerEquivalence.AreEquivalent(candidate, options[i]))
                {
                    matched.Add(i);
                }
            }
            if (matched.Count == 1)
            {
                return BenchmarkItem.Letter(matched[0]);
            }
        }
        return null;

        static string Normalize(string s) => WhiteSpace().Replace(s.Trim().TrimEnd('.'), " ");
    }

    /// <summary>The content of the last non-empty box in <paramref name="text"/>, or null.</summary>
    internal static string? LastBoxedContent(string text) => LastBoxed(text);

    private static bool LooksLikeAnswer(string candidate) =>
        AnswerEquivalence.Decide(candidate, candidate).Rule is not ("text" or "empty") || ShortWords().IsMatch(AnswerEquivalence.Normalize(candidate));

    private static string StripMath(string s)
    {
        s = s.Trim();
        var m = LoneMathBlock().Match(s);
        if (m.Success)
        {
            s = m.Groups["m"].Value;
        }
        return s.Trim().TrimEnd('.').Trim();
    }

    /// <summary>The last math block (<c>$…$</c>, <c>\(…\)</c>, <c>\[…\]</c>) or number of <paramref name="text"/>, whichever ends later.</summary>
    private static string? LastMath(string text)
    {
        Match? lastBlock = null;
        foreach (Match m in MathBlock().Matches(text))
        {
            if (m.Groups["m"].Value.Trim().Length > 0)
            {
                lastBlock = m;
            }
        }
        var numbers = NumberToken().Matches(text);
        var lastNumber = numbers.Count > 0 ? numbers[^1] : null;
        if (lastBlock is null && lastNumber is null)
        {
            return null;
        }
        if (lastNumber is not null && (lastBlock is null || lastNumber.Index >= lastBlock.Index + lastBlock.Length))
        {
            return lastNumber.Value;
        }
        var content = lastBlock!.Groups["m"].Value.Trim();
        // "$x = \frac{1}{3}$": the value after the last "=".
        var sides = AnswerStructure.SplitTopLevel(content, "=");
        return (sides.Count > 1 ? sides[^1] : content).Trim().TrimEnd('.', ',').Trim();
    }

    /// <summary>The last box, joined with the boxes right before it ("\\boxed{1}, \\boxed{2}" answers "1, 2").</summary>
    private static string? LastBoxed(string text)
    {
        var last = LastBoxed(text, text.Length, out var start, out _);
        if (last is null)
        {
            return null;
        }
        var parts = new List<string> { last };
        while (LastBoxed(text, start, out var previousStart, out var previousEnd) is { } previous
            && previousEnd <= start && BoxGap().IsMatch(text.AsSpan(previousEnd, start - previousEnd)))
        {
            parts.Insert(0, previous);
            start = previousStart;
        }
        return string.Join(", ", parts);
    }

    private static string? LastBoxed(string text, int limit, out int boxStart, out int boxEnd)
    {
        boxStart = -1;
        boxEnd = -1;
        var searchEnd = limit;
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
                            boxStart = index;
                            boxEnd = j + 1;
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
                        boxStart = index;
                        boxEnd = text.Length;
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
                    boxStart = index;
                    boxEnd = j;
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

    [GeneratedRegex(@"(?:\b(?:the\s+)?(?:final\s+)?answer\s*(?:is\s*:?|:|should\s+be|would\s+be|=)|\bfinal\s+answer\b\s*:?)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerIsPattern();

    [GeneratedRegex(@"""?\bANSWER""?\s*[:：]\s*""?\s*\(?\**\s*(?<letter>(?-i:[A-Z]))\b(?![.,]?\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerFieldPattern();

    [GeneratedRegex(@"\\(?:boxed|fbox)\s*\{\s*(?:\\text(?:bf)?\{\s*)?\(?(?<letter>[A-Z])\)?\s*\}?\s*\}", RegexOptions.CultureInvariant)]
    private static partial Regex BoxedLetterPattern();

    [GeneratedRegex(@"answer\s+is\s*:?\s*(?:option\s+|choice\s+)?\**\(?(?<letter>(?-i:[A-Z]))\b\)?\**(?!\s*[a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerIsLetterPattern();

    [GeneratedRegex(@"\*\*\s*\(?(?<letter>[A-Z])\)?[.:]?\s*\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex BoldLetterPattern();

    [GeneratedRegex(@"(?:^|[\s(*])(?<letter>[A-Z])\)?[.*]*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneLetterPattern();

    [GeneratedRegex(@"^(?:\$\$(?<m>[^$]+)\$\$|\$(?<m>[^$]+)\$|\\\[(?<m>.+?)\\\]|\\\((?<m>.+?)\\\))\.?$", RegexOptions.Singleline)]
    private static partial Regex LoneMathBlock();

    [GeneratedRegex(@"\$\$(?<m>[^$]+)\$\$|\$(?<m>[^$\n]+)\$|\\\[(?<m>.+?)\\\]|\\\((?<m>.+?)\\\)", RegexOptions.Singleline)]
    private static partial Regex MathBlock();

    [GeneratedRegex(@"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:/\d+)?(?:\s*%)?(?!\d|,\d|\.\d)")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*){0,2}$")]
    private static partial Regex ShortWords();

    [GeneratedRegex(@"^[\s,$]*(?:and[\s$]*)?$")]
    private static partial Regex BoxGap();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
