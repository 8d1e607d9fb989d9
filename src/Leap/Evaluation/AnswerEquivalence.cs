using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Decides whether a predicted math answer equals the reference: normalization (LaTeX spacing, <c>\left</c>/<c>\right</c>,
/// <c>\text{}</c>, units, degrees, percent, thousands separators, <c>x =</c> prefixes), then structural comparison
/// (tuples and intervals in order and with the same brackets, sets and bare lists in any order), then numeric comparison
/// of scalar expressions (exact for integers; expressions with variables evaluated at fixed pseudo-random points).
/// Never lenient substring matching (the LeaP release's scorer accepted any answer contained in the reference).
/// </summary>
public static partial class AnswerEquivalence
{
    private const double RelativeTolerance = 1e-9;
    private const int SamplePoints = 8;

    private static readonly HashSet<string> ReservedWords = ["pi", "e", "i", "inf", "infty"];

    /// <summary>True when <paramref name="predicted"/> and <paramref name="reference"/> denote the same answer.</summary>
    public static bool AreEquivalent(string? predicted, string? reference)
    {
        if (predicted is null || reference is null)
        {
            return false;
        }
        var a = Normalize(predicted);
        var b = Normalize(reference);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }
        if (string.Equals(Compact(a), Compact(b), StringComparison.Ordinal))
        {
            return true;
        }
        var pa = Parse(a);
        var pb = Parse(b);
        return pa is not null && pb is not null ? Equal(pa, pb) : string.Equals(Compact(a).ToLowerInvariant(), Compact(b).ToLowerInvariant(), StringComparison.Ordinal);
    }

    /// <summary>True when a multiple-choice prediction names the reference letter (case-insensitive, brackets ignored).</summary>
    public static bool SameChoice(string? predicted, string? reference) =>
        predicted is not null && reference is not null
        && string.Equals(predicted.Trim().Trim('(', ')', '.', ' ').ToUpperInvariant(), reference.Trim().Trim('(', ')', '.', ' ').ToUpperInvariant(), StringComparison.Ordinal);

    /// <summary>The normalized text form of an answer (what is parsed and, failing that, compared).</summary>
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var s = answer.Trim();
        s = s.Replace("\\$", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal);
        s = s.Replace("\\(", "", StringComparison.Ordinal).Replace("\\)", "", StringComparison.Ordinal)
             .Replace("\\[", "", StringComparison.Ordinal).Replace("\\]", "", StringComparison.Ordinal);
        s = s.Replace("\\left", "", StringComparison.Ordinal).Replace("\\right", "", StringComparison.Ordinal)
             .Replace("\\bigl", "", StringComparison.Ordinal).Replace("\\bigr", "", StringComparison.Ordinal);
        s = s.Replace("\\displaystyle", "", StringComparison.Ordinal);
        s = SpacingCommands().Replace(s, " ");
        s = s.Replace("\\dfrac", "\\frac", StringComparison.Ordinal).Replace("\\tfrac", "\\frac", StringComparison.Ordinal).Replace("\\cfrac", "\\frac", StringComparison.Ordinal);
        s = s.Replace("\\cdot", "*", StringComparison.Ordinal).Replace("\\times", "*", StringComparison.Ordinal).Replace("×", "*", StringComparison.Ordinal)
             .Replace("\\div", "/", StringComparison.Ordinal).Replace("−", "-", StringComparison.Ordinal);
        s = s.Replace("\\lbrace", "\\{", StringComparison.Ordinal).Replace("\\rbrace", "\\}", StringComparison.Ordinal);
        s = TextCommands().Replace(s, m => m.Groups["body"].Value);
        s = Degrees().Replace(s, "");
        s = s.Replace("{,}", "", StringComparison.Ordinal);
        s = s.Replace("\\%", "%", StringComparison.Ordinal);
        s = s.Trim().TrimEnd('.').Trim();
        if (ThousandsNumber().IsMatch(s.TrimEnd('%').Trim()))
        {
            s = s.Replace(",", "", StringComparison.Ordinal);
        }
        s = StripUnits(s);
        var lhs = VariablePrefix().Match(s);
        if (lhs.Success && s.IndexOf('=', lhs.Length) < 0)
        {
            // "x = 5" answers 5; "y = 2x + 1" stays an equation (it is compared as one).
            var rest = s[lhs.Length..];
            if (ExpressionParser.TryParse(rest.TrimEnd('%')) is not { Variables.Count: > 0 })
            {
                s = rest;
            }
        }
        return s.Trim();
    }

    private static string StripUnits(string s)
    {
        var m = TrailingWords().Match(s);
        if (!m.Success || m.Index == 0)
        {
            return s;
        }
        var words = m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Any(w => ReservedWords.Contains(w.ToLowerInvariant())))
        {
            return s;
        }
        var head = s[..m.Index].Trim();
        var e = ExpressionParser.TryParse(head.TrimEnd('%'));
        return e is not null && e.Variables.Count == 0 ? head : s;
    }

    private static string Compact(string s) => WhiteSpace().Replace(s, "");

    // ---- structure ----

    private abstract record Answer;

    private sealed record Scalar(MathExpression Expression, bool Percent, string Text) : Answer;

    private sealed record Equation(MathExpression Left, MathExpression Right) : Answer;

    private sealed record Bracketed(char Open, char Close, IReadOnlyList<Answer> Items) : Answer;

    private sealed record Unordered(IReadOnlyList<Answer> Items) : Answer;

    private static Answer? Parse(string s)
    {
        s = s.Trim();
        if (s.Length == 0)
        {
            return null;
        }
        var union = SplitTopLevel(s, "\\cup");
        if (union.Count > 1)
        {
            return ParseAll(union, items => new Unordered(items));
        }
        if (s.StartsWith("\\{", StringComparison.Ordinal) && s.EndsWith("\\}", StringComparison.Ordinal) && OuterSpans(s, 1))
        {
            var inner = s[2..^2];
            return inner.Trim().Length == 0 ? new Unordered([]) : ParseAll(SplitTopLevel(inner, ","), items => new Unordered(items));
        }
        if (s.Length >= 2 && s[0] is '(' or '[' && s[^1] is ')' or ']' && OuterSpans(s, 0))
        {
            var parts = SplitTopLevel(s[1..^1], ",");
            if (parts.Count > 1)
            {
                return ParseAll(parts, items => new Bracketed(s[0], s[^1], items));
            }
        }
        var list = SplitTopLevel(s, ",");
        if (list.Count > 1)
        {
            return ParseAll(list, items => new Unordered(items));
        }
        var sides = SplitTopLevel(s, "=");
        if (sides.Count == 2)
        {
            var left = ExpressionParser.TryParse(sides[0]);
            var right = ExpressionParser.TryParse(sides[1]);
            return left is null || right is null ? null : new Equation(left, right);
        }
        if (sides.Count > 2)
        {
            return null;
        }
        var percent = s.EndsWith('%');
        var text = percent ? s[..^1].Trim() : s;
        var expression = ExpressionParser.TryParse(text);
        return expression is null ? null : new Scalar(expression, percent, text);
    }

    private static Answer? ParseAll(IReadOnlyList<string> parts, Func<IReadOnlyList<Answer>, Answer> make)
    {
        var items = new List<Answer>(parts.Count);
        foreach (var part in parts)
        {
            var item = Parse(StripUnits(part.Trim()));
            if (item is null)
            {
                return null;
            }
            items.Add(item);
        }
        return make(items);
    }

    /// <summary>True when the bracket opening at 0 closes only at the very end (so "(1,2)" but not "(1)+(2)").</summary>
    private static bool OuterSpans(string s, int openLength)
    {
        var depth = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0 && i < s.Length - 1)
                {
                    return false;
                }
            }
        }
        _ = openLength;
        return depth == 0;
    }

    private static List<string> SplitTopLevel(string s, string separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(s, i, separator, 0, separator.Length) == 0)
            {
                if (separator == "=" && ((i > 0 && s[i - 1] is '<' or '>' or '!') || (i + 1 < s.Length && s[i + 1] == '=')))
                {
                    continue;
                }
                parts.Add(s[start..i]);
                start = i + separator.Length;
                i += separator.Length - 1;
            }
        }
        parts.Add(s[start..]);
        return parts;
    }

    // ---- comparison ----

    private static bool Equal(Answer a, Answer b) => (a, b) switch
    {
        (Scalar x, Scalar y) => ScalarEqual(x, y),
        (Equation x, Equation y) => EquationEqual(x, y),
        (Bracketed x, Bracketed y) => x.Open == y.Open && x.Close == y.Close && x.Items.Count == y.Items.Count
            && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second)),
        (Unordered x, Unordered y) => SameMembers(x.Items, y.Items),
        _ => false,
    };

    private static bool SameMembers(IReadOnlyList<Answer> a, IReadOnlyList<Answer> b)
    {
        var distinctA = Distinct(a);
        var distinctB = Distinct(b);
        if (distinctA.Count != distinctB.Count)
        {
            return false;
        }
        var used = new bool[distinctB.Count];
        foreach (var x in distinctA)
        {
            var match = -1;
            for (var j = 0; j < distinctB.Count && match < 0; j++)
            {
                if (!used[j] && Equal(x, distinctB[j]))
                {
                    match = j;
                }
            }
            if (match < 0)
            {
                return false;
            }
            used[match] = true;
        }
        return true;
    }

    private static List<Answer> Distinct(IReadOnlyList<Answer> items)
    {
        var result = new List<Answer>();
        foreach (var item in items)
        {
            if (!result.Any(r => Equal(r, item)))
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static bool ScalarEqual(Scalar a, Scalar b)
    {
        if (a.Expression.Literal is not null && b.Expression.Literal is not null
            && IntegerText().IsMatch(a.Text) && IntegerText().IsMatch(b.Text) && a.Percent == b.Percent)
        {
            // Integers compare exactly, whatever their size ("025" == "25").
            return BigInteger.Parse(a.Text.TrimStart('+'), CultureInfo.InvariantCulture) == BigInteger.Parse(b.Text.TrimStart('+'), CultureInfo.InvariantCulture);
        }
        if (SameFunction(a.Expression, b.Expression, 1, 1))
        {
            return true;
        }
        // "50%" answers "50" and "0.5" alike.
        return a.Percent != b.Percent && SameFunction(a.Expression, b.Expression, a.Percent ? 0.01 : 1, b.Percent ? 0.01 : 1);
    }

    private static bool EquationEqual(Equation a, Equation b)
    {
        // Same solution set for linear forms: (l1 - r1) = c · (l2 - r2) for one constant c ≠ 0.
        var variables = a.Left.Variables.Union(a.Right.Variables).Union(b.Left.Variables).Union(b.Right.Variables).ToArray();
        double? ratio = null;
        var valid = 0;
        foreach (var point in Points(variables))
        {
            var f = a.Left.Evaluate(point) - a.Right.Evaluate(point);
            var g = b.Left.Evaluate(point) - b.Right.Evaluate(point);
            if (!double.IsFinite(f) || !double.IsFinite(g))
            {
                continue;
            }
            if (Close(f, 0) && Close(g, 0))
            {
                valid++;
                continue;
            }
            if (Close(g, 0) || Close(f, 0))
            {
                return false;
            }
            var r = f / g;
            if (ratio is { } known && !Close(known, r))
            {
                return false;
            }
            ratio ??= r;
            valid++;
        }
        return valid >= Math.Min(3, SamplePoints);
    }

    private static bool SameFunction(MathExpression a, MathExpression b, double scaleA, double scaleB)
    {
        var variables = a.Variables.Union(b.Variables).ToArray();
        if (variables.Length == 0)
        {
            var empty = new Dictionary<string, double>();
            return Close(a.Evaluate(empty) * scaleA, b.Evaluate(empty) * scaleB);
        }
        var valid = 0;
        foreach (var point in Points(variables))
        {
            var x = a.Evaluate(point) * scaleA;
            var y = b.Evaluate(point) * scaleB;
            if (double.IsNaN(x) && double.IsNaN(y))
            {
                continue;
            }
            if (!Close(x, y))
            {
                return false;
            }
            valid++;
        }
        return valid >= 3;
    }

    private static IEnumerable<Dictionary<string, double>> Points(string[] variables)
    {
        var random = new SplitMix64(0x5EED);
        for (var i = 0; i < SamplePoints; i++)
        {
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var v in variables)
            {
                point[v] = 0.3 + 2.4 * random.NextDouble();
            }
            yield return point;
        }
    }

    private static bool Close(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return false;
        }
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return x == y;
        }
        return Math.Abs(x - y) <= RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
    }

    [GeneratedRegex(@"\\[,;:! ]|\\quad|\\qquad|~")]
    private static partial Regex SpacingCommands();

    [GeneratedRegex(@"\\(?:text|textbf|textrm|mathrm|mathbf|mbox|operatorname)\s*\{(?<body>[^{}]*)\}")]
    private static partial Regex TextCommands();

    [GeneratedRegex(@"\^\s*\{?\s*\\circ\s*\}?|°|\\circ|\\degree")]
    private static partial Regex Degrees();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsNumber();

    [GeneratedRegex(@"(\s+[A-Za-z]+\.?)+$")]
    private static partial Regex TrailingWords();

    [GeneratedRegex(@"^\s*(?:[A-Za-z](?:_\{?\w+\}?)?|\\[a-z]+)\s*(?:=|\\in)\s*")]
    private static partial Regex VariablePrefix();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
