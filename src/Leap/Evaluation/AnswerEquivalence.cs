using System.Text.RegularExpressions;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Decides whether a predicted math answer equals the reference, and names the rule that decided it. Normalization strips
/// notation that does not change the value (LaTeX spacing, <c>\left</c>/<c>\right</c>, <c>\text{}</c>, currency, units,
/// degrees, percent, thousands separators, <c>x =</c> assignments), then the answers are parsed into structures (sets and
/// unordered lists, tuples, intervals and unions, inequalities, equations, matrices, scalars, words) and compared: rationals
/// exactly, other constants to a relative 1e-9, expressions with variables at 24 points spread over both signs and several
/// magnitudes. Never lenient substring matching (the LeaP release's scorer accepted any answer contained in the reference).
/// Every rule is listed in docs/formats-eval.md.
/// </summary>
public static partial class AnswerEquivalence
{
    /// <summary>The notation forms in the order they name the deciding rule when a scalar comparison decides.</summary>
    private static readonly string[] FormPriority = ["base", "mixed-number", "percent", "degrees", "currency", "units", "thousands", "assignment", "leading-zeros"];

    private static readonly HashSet<string> CurrencyWords = ["dollar", "dollars", "usd", "cent", "cents", "euro", "euros", "eur", "pound", "pounds", "yuan", "rupees", "yen"];
    private static readonly HashSet<string> NotUnits = ["pi", "e", "i", "inf", "infty", "infinity", "and", "or", "sqrt", "sin", "cos", "tan", "ln", "log", "exp", "cup"];
    private static readonly HashSet<string> ShortUnits = ["cm", "mm", "km", "kg", "mg", "ml", "mL", "ft", "yd", "mi", "lb", "oz", "hr", "mph", "kph", "cc"];
    private static readonly HashSet<string> SingleLetterUnits = ["m", "g", "s", "h", "l", "L", "K", "A", "V", "W", "J", "N"];

    /// <summary>True when <paramref name="predicted"/> and <paramref name="reference"/> denote the same answer.</summary>
    public static bool AreEquivalent(string? predicted, string? reference) => Decide(predicted, reference).Equal;

    /// <summary>Compares <paramref name="predicted"/> with <paramref name="reference"/> and names the deciding rule.</summary>
    public static EquivalenceVerdict Decide(string? predicted, string? reference)
    {
        if (predicted is null)
        {
            return new EquivalenceVerdict(false, "no-answer");
        }
        if (reference is null)
        {
            return new EquivalenceVerdict(false, "no-reference");
        }
        var a = Prepare(predicted);
        var b = Prepare(reference);
        if (a.Text.Length == 0 || b.Text.Length == 0)
        {
            return new EquivalenceVerdict(false, "empty");
        }
        if (a.Assigned && b.Assigned && a.Unassigned.Contains('=', StringComparison.Ordinal) && b.Unassigned.Contains('=', StringComparison.Ordinal) && (Letters().IsMatch(a.Text) || Letters().IsMatch(b.Text)))
        {
            // "y = 2x + 1" against "y = 1 + 2x": both are equations, compared as such.
            return AnswerStructure.Compare(a with { Text = a.Unassigned, Assigned = false }, b with { Text = b.Unassigned, Assigned = false });
        }
        if (OptionLetter().IsMatch(b.Text) && LeadingOptionLetter().Match(a.Text) is { Success: true } letter && a.Text.Length > 1)
        {
            // "\textbf{(B)}\ 5" against the letter B: an AMC-style choice written with its value.
            return new EquivalenceVerdict(letter.Groups["l"].Value == b.Text, "choice");
        }
        var verdict = AnswerStructure.Compare(a, b);
        if (!verdict.Equal && (a.Assigned || b.Assigned))
        {
            // "2y = 4x + 2" against "y = 2x + 1": the assignment stripped from one side made it a scalar; compare the equations.
            var whole = AnswerStructure.Compare(a with { Text = a.Unassigned, Assigned = false }, b with { Text = b.Unassigned, Assigned = false });
            if (whole.Equal)
            {
                return whole;
            }
        }
        if (!verdict.Equal && string.Equals(Compact(a.Text), Compact(b.Text), StringComparison.OrdinalIgnoreCase) && a.Percent == b.Percent)
        {
            return new EquivalenceVerdict(true, "same-text");
        }
        return verdict;
    }

    /// <summary>True when a multiple-choice prediction names the reference letter (case-insensitive, brackets ignored).</summary>
    public static bool SameChoice(string? predicted, string? reference) =>
        predicted is not null && reference is not null
        && string.Equals(Letter(predicted), Letter(reference), StringComparison.Ordinal);

    private static string Letter(string s) => s.Trim().Replace("**", "", StringComparison.Ordinal).Trim().Trim('(', ')', '.', ' ', '*').ToUpperInvariant();

    /// <summary>The normalized text form of an answer (what is parsed and, failing that, compared).</summary>
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Prepare(answer).Text;
    }

    /// <summary>An answer after normalization, with the notation forms that normalization removed.</summary>
    internal sealed record Prepared(string Text, IReadOnlySet<string> Forms, bool Percent, bool Assigned, string Unassigned)
    {
        /// <summary>The rule named after the most telling form removed from either side, else <paramref name="comparator"/>.</summary>
        public static string Rule(Prepared a, Prepared b, string comparator)
        {
            foreach (var form in FormPriority)
            {
                if (a.Forms.Contains(form) || b.Forms.Contains(form))
                {
                    return form;
                }
            }
            return comparator;
        }
    }

    internal static Prepared Prepare(string answer)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        var s = answer.Trim();
        if (s.Contains("\\boxed", StringComparison.Ordinal) || s.Contains("\\fbox", StringComparison.Ordinal))
        {
            s = AnswerExtractor.LastBoxedContent(s) ?? s;
        }
        // Markdown bold around the answer ("**42**"); "x**2" is a Python power.
        s = MarkdownBold().Replace(s, "${b}").Replace("**", "^", StringComparison.Ordinal);
        if (s.Contains("\\$", StringComparison.Ordinal) || s.Contains('€') || s.Contains('£') || s.Contains('¥'))
        {
            forms.Add("currency");
            s = s.Replace("\\$", " ", StringComparison.Ordinal).Replace("€", " ", StringComparison.Ordinal).Replace("£", " ", StringComparison.Ordinal).Replace("¥", " ", StringComparison.Ordinal);
        }
        s = DollarAmount().Replace(s, m =>
        {
            forms.Add("currency");
            return m.Groups["n"].Value;
        });
        s = s.Replace("$", "", StringComparison.Ordinal);
        s = Delimiters().Replace(s, "");
        // Keep LaTeX row breaks (\\) out of the way of the one-backslash spacing commands.
        s = s.Replace("\\\\", "\u0001", StringComparison.Ordinal);
        s = CommaBang().Replace(s, ",");
        if (BangThousands().IsMatch(s))
        {
            forms.Add("thousands");
        }
        s = s.Replace("\\!", "", StringComparison.Ordinal);
        // Thousands separators written with LaTeX spacing: 1{,}000, 1\,000, thin spaces.
        s = s.Replace("{,}", ",", StringComparison.Ordinal);
        s = SpacedThousands().Replace(s, ",");
        s = SpacingCommands().Replace(s, " ");
        s = s.Replace("\\dfrac", "\\frac", StringComparison.Ordinal).Replace("\\tfrac", "\\frac", StringComparison.Ordinal).Replace("\\cfrac", "\\frac", StringComparison.Ordinal)
             .Replace("\\dbinom", "\\binom", StringComparison.Ordinal).Replace("\\tbinom", "\\binom", StringComparison.Ordinal);
        s = s.Replace("\\cdot", "*", StringComparison.Ordinal).Replace("\\times", "*", StringComparison.Ordinal).Replace("×", "*", StringComparison.Ordinal)
             .Replace("\\ast", "*", StringComparison.Ordinal).Replace("\\div", "/", StringComparison.Ordinal).Replace("÷", "/", StringComparison.Ordinal)
             .Replace("−", "-", StringComparison.Ordinal).Replace("–", "-", StringComparison.Ordinal);
        s = s.Replace("\\lbrace", "\\{", StringComparison.Ordinal).Replace("\\rbrace", "\\}", StringComparison.Ordinal)
             .Replace("\\leqslant", "\\le", StringComparison.Ordinal).Replace("\\geqslant", "\\ge", StringComparison.Ordinal)
             .Replace("≤", "\\le ", StringComparison.Ordinal).Replace("≥", "\\ge ", StringComparison.Ordinal).Replace("<=", "\\le ", StringComparison.Ordinal).Replace(">=", "\\ge ", StringComparison.Ordinal)
             .Replace("\\infin ", "\\infty ", StringComparison.Ordinal).Replace("∪", "\\cup ", StringComparison.Ordinal).Replace("π", "\\pi ", StringComparison.Ordinal).Replace("∞", "\\infty ", StringComparison.Ordinal);
        s = TextCommands().Replace(s, m => " " + m.Groups["body"].Value + " ");
        s = s.Replace("\\emptyset", "\\{\\}", StringComparison.Ordinal).Replace("\\varnothing", "\\{\\}", StringComparison.Ordinal).Replace("∅", "\\{\\}", StringComparison.Ordinal);
        s = RepeatingDecimal().Replace(s, m =>
        {
            // 0.1\overline{6} = (16 - 1) / 90.
            var whole = m.Groups["w"].Value;
            var fixedDigits = m.Groups["f"].Value;
            var repeat = m.Groups["r"].Value;
            var all = System.Numerics.BigInteger.Parse(whole + fixedDigits + repeat, System.Globalization.CultureInfo.InvariantCulture);
            var head = System.Numerics.BigInteger.Parse(whole + fixedDigits, System.Globalization.CultureInfo.InvariantCulture);
            var denominator = System.Numerics.BigInteger.Pow(10, fixedDigits.Length) * (System.Numerics.BigInteger.Pow(10, repeat.Length) - 1);
            return $"\\frac{{{all - head}}}{{{denominator}}}";
        });
        s = s.Replace("\\%", "%", StringComparison.Ordinal);
        s = Degrees().Replace(s, m =>
        {
            forms.Add("degrees");
            return "";
        });
        s = s.Trim();
        s = TrailingPeriod().Replace(s, "").Trim();
        var percent = false;
        var percentMatch = PercentSuffix().Match(s);
        if (percentMatch.Success && percentMatch.Index > 0)
        {
            percent = true;
            forms.Add("percent");
            s = s[..percentMatch.Index].Trim();
        }
        s = DegreeWords().Replace(s, m =>
        {
            forms.Add("degrees");
            return "";
        }).Trim();
        if (AllCommasAreThousands(s))
        {
            forms.Add("thousands");
            s = s.Replace(",", "", StringComparison.Ordinal);
        }
        if (SpaceThousands().IsMatch(s))
        {
            forms.Add("thousands");
            s = s.Replace(" ", "", StringComparison.Ordinal);
        }
        var mixed = SpacedMixedNumber().Match(s);
        if (mixed.Success)
        {
            forms.Add("mixed-number");
            s = $"{mixed.Groups["w"].Value}\\frac{{{mixed.Groups["n"].Value}}}{{{mixed.Groups["d"].Value}}}";
        }
        s = StripUnits(s, forms);
        var lone = LoneOptionLetter().Match(s);
        if (lone.Success)
        {
            s = lone.Groups["l"].Value;
        }
        var unassigned = s;
        var assigned = false;
        var lhs = AssignmentPrefix().Match(s);
        if (lhs.Success && lhs.Length < s.Length && AnswerStructure.SplitTopLevel(s[lhs.Length..], "=").Count == 1)
        {
            s = s[lhs.Length..].Trim();
            assigned = true;
            forms.Add("assignment");
            s = StripUnits(s, forms);
        }
        s = s.Replace("\u0001", "\\\\", StringComparison.Ordinal);
        unassigned = unassigned.Replace("\u0001", "\\\\", StringComparison.Ordinal);
        if (LeadingZeros().IsMatch(s))
        {
            forms.Add("leading-zeros");
        }
        return new Prepared(s.Trim(), forms, percent, assigned, unassigned.Trim());
    }

    /// <summary>Removes trailing unit words ("5 cm", "15 cm^2", "3 m/s", "18 dollars") after a constant.</summary>
    internal static string StripUnits(string s, HashSet<string> forms)
    {
        var m = TrailingUnit().Match(s);
        if (!m.Success || m.Index == 0)
        {
            return s;
        }
        var words = WordPattern().Matches(m.Groups["tail"].Value).Select(w => w.Value).ToArray();
        if (words.Length == 0 || words.Any(w => NotUnits.Contains(w.ToLowerInvariant())))
        {
            return s;
        }
        var head = s[..m.Index].Trim();
        var spaced = char.IsWhiteSpace(s[m.Groups["tail"].Index]) || char.IsWhiteSpace(s[m.Groups["tail"].Index - 1]);
        if (words[0].Length == 1 ? !(words.Length > 1 || (SingleLetterUnits.Contains(words[0]) && spaced)) : words[0].Length == 2 && !spaced && !ShortUnits.Contains(words[0]))
        {
            // "2ab" is a product, "5 m" and "5cm" are lengths.
            return s;
        }
        var e = ExpressionParser.TryParse(head);
        if (e is null || e.Variables.Count > 0)
        {
            return s;
        }
        forms.Add(words.Any(w => CurrencyWords.Contains(w.ToLowerInvariant())) ? "currency" : "units");
        return head;
    }

    private static bool AllCommasAreThousands(string s)
    {
        if (!s.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }
        var replaced = ThousandsToken().Replace(s, m => m.Value.Replace(",", "", StringComparison.Ordinal));
        return !replaced.Contains(',', StringComparison.Ordinal);
    }

    internal static string Compact(string s) => WhiteSpace().Replace(s, "");

    [GeneratedRegex(@"\\\(|\\\)|\\\[|\\\]|\\left\b|\\right\b|\\[bB]igg?[lr]?\b|\\displaystyle|\\textstyle")]
    private static partial Regex Delimiters();

    [GeneratedRegex(@"(?<=\d)(?:\\,|\\ |\u2009|\u202F|~)(?=\d{3}(?!\d))")]
    private static partial Regex SpacedThousands();

    [GeneratedRegex(@"\\[,;:> ]|\\quad|\\qquad|~|\u2009|\u202F")]
    private static partial Regex SpacingCommands();

    [GeneratedRegex(@"\\(?:text|textbf|textrm|textit|textsf|texttt|mathrm|mathbf|mathit|mathsf|mbox|hbox)\s*\{(?<body>[^{}]*)\}")]
    private static partial Regex TextCommands();

    [GeneratedRegex(@"\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|°|\\circ|\\degree")]
    private static partial Regex Degrees();

    [GeneratedRegex(@"(?<=[\d}.])\s*(?:degrees?|deg)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex DegreeWords();

    [GeneratedRegex(@"\s*(?:%|\bpercent\b|\bpct\b\.?)$", RegexOptions.IgnoreCase)]
    private static partial Regex PercentSuffix();

    [GeneratedRegex(@"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")]
    private static partial Regex ThousandsToken();

    [GeneratedRegex(@"^[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?$")]
    private static partial Regex SpaceThousands();

    [GeneratedRegex(@"^(?<w>-?\d+)\s+(?<n>\d+)\s*/\s*(?<d>\d+)$")]
    private static partial Regex SpacedMixedNumber();

    [GeneratedRegex(@"(?:^|(?<=\s))\$\s*(?<n>[+-]?\d[\d,]*(?:\.\d+)?)\s*$|^(?<n>[+-]?\d[\d,]*(?:\.\d+)?)\s*\$$")]
    private static partial Regex DollarAmount();

    [GeneratedRegex(@"\.+$")]
    private static partial Regex TrailingPeriod();

    [GeneratedRegex(@"(?<tail>(?:\s*(?:[A-Za-z]+\.?(?:\s*\^\s*\{?\d\}?)?)(?:\s*/\s*[A-Za-z]+(?:\s*\^\s*\{?\d\}?)?)?)+)\s*$")]
    private static partial Regex TrailingUnit();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\(\s*(?<l>[A-Za-z])\s*\)$")]
    private static partial Regex LoneOptionLetter();

    [GeneratedRegex(@"^\s*(?:[A-Za-z](?:_\{?\w+\}?)?|\\[a-z]+(?:_\{?\w+\}?)?|[A-Za-z]\([a-z]\)|\(\s*[A-Za-z](?:\s*,\s*[A-Za-z])+\s*\))\s*(?:=|\\in\b)\s*")]
    private static partial Regex AssignmentPrefix();

    [GeneratedRegex(@"^\*\*(?<b>.*)\*\*$|^\*\*(?<b>[^*]*)$")]
    private static partial Regex MarkdownBold();

    [GeneratedRegex(@"(?<w>\d+)\.(?<f>\d*)\\overline\s*\{(?<r>\d+)\}")]
    private static partial Regex RepeatingDecimal();

    [GeneratedRegex(@"^\(?\s*(?<l>[A-E])\s*\)(?:\s|$)")]
    private static partial Regex LeadingOptionLetter();

    [GeneratedRegex(@"^[A-E]$")]
    private static partial Regex OptionLetter();

    [GeneratedRegex(@",\s*\\!\s*")]
    private static partial Regex CommaBang();

    [GeneratedRegex(@"(?<=\d)\\!(?=\d{3}(?!\d))")]
    private static partial Regex BangThousands();

    [GeneratedRegex(@"[A-Za-z]")]
    private static partial Regex Letters();

    [GeneratedRegex(@"^[+-]?0\d+$")]
    private static partial Regex LeadingZeros();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
