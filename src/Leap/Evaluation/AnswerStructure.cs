using System.Text.RegularExpressions;
using Kinship.Randomness;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// The structural half of <see cref="AnswerEquivalence"/>: parses a normalized answer into a set, tuple, interval union,
/// inequality, equation, matrix, scalar or word, and compares two of them, naming the rule that decided.
/// </summary>
internal static partial class AnswerStructure
{
    /// <summary>Relative tolerance for constants that are not exact rationals (radicals, π, logarithms).</summary>
    internal const double RelativeTolerance = 1e-9;

    /// <summary>Relative tolerance at sampled points of expressions with variables (rounding in large powers).</summary>
    internal const double SampleTolerance = 1e-8;

    private const int SampleCount = 24;

    /// <summary>Sample magnitudes: both signs, from 0.09 to 97, so |x|, √(x²) and max(x, 0) differ from x.</summary>
    private static readonly double[] Pool = [-41.3, -7.7, -2.6, -1.15, -0.55, -0.11, 0.09, 0.37, 0.83, 1.41, 2.35, 5.3, 12.9, 97.1];

    private abstract record Answer;

    private sealed record Scalar(MathExpression Expression, bool Percent, string Text) : Answer;

    private sealed record Word(string Text) : Answer;

    private sealed record Equation(MathExpression Left, MathExpression Right) : Answer;

    private sealed record Bracketed(char Open, char Close, IReadOnlyList<Answer> Items) : Answer;

    private sealed record Unordered(IReadOnlyList<Answer> Items, bool Braced) : Answer;

    private sealed record Matrix(IReadOnlyList<IReadOnlyList<Answer>> Rows) : Answer;

    /// <summary>A union of intervals (from interval notation, <c>\cup</c>, or a one-variable inequality).</summary>
    private sealed record IntervalSet(IReadOnlyList<Interval> Parts, bool FromInequality) : Answer;

    /// <summary>Constraints f_i(vars) &lt; 0 (strict) or ≤ 0, from an inequality that is not one variable's interval.</summary>
    private sealed record Relation(IReadOnlyList<(MathExpression Left, MathExpression Right, bool Strict)> Constraints) : Answer;

    private sealed record Interval(double Low, bool LowClosed, double High, bool HighClosed, MathExpression? LowExpr, MathExpression? HighExpr);

    public static EquivalenceVerdict Compare(AnswerEquivalence.Prepared a, AnswerEquivalence.Prepared b)
    {
        var pa = Parse(a.Text, a.Percent);
        var pb = Parse(b.Text, b.Percent);
        if (pa is null || pb is null)
        {
            var same = string.Equals(AnswerEquivalence.Compact(a.Text), AnswerEquivalence.Compact(b.Text), StringComparison.OrdinalIgnoreCase) && a.Percent == b.Percent;
            return new EquivalenceVerdict(same, "text");
        }
        var (equal, comparator) = Equal(pa, pb);
        var rule = comparator is "integer" or "rational" or "numeric" or "symbolic" or "percent"
            ? AnswerEquivalence.Prepared.Rule(a with { Forms = WithParsedForms(a.Forms, pa) }, b with { Forms = WithParsedForms(b.Forms, pb) }, comparator)
            : comparator;
        return new EquivalenceVerdict(equal, rule);
    }

    /// <summary>Adds the forms only the parser sees (a number in another base, a mixed number) to the normalization's forms.</summary>
    private static HashSet<string> WithParsedForms(IReadOnlySet<string> forms, Answer answer)
    {
        var all = new HashSet<string>(forms, StringComparer.Ordinal);
        var expression = answer switch
        {
            Scalar s => s.Expression,
            Equation e => e.Right,
            _ => null,
        };
        if (expression?.BaseNumber == true)
        {
            all.Add("base");
        }
        if (expression?.MixedNumber == true)
        {
            all.Add("mixed-number");
        }
        return all;
    }

    // ---- parsing ----

    private static Answer? Parse(string s, bool percent)
    {
        s = s.Trim();
        if (s.Length == 0)
        {
            return null;
        }
        var alternatives = SplitWords(s);
        if (alternatives.Count > 1)
        {
            return ParseList(alternatives, braced: false);
        }
        if (IsWrapped(s, "\\{", "\\}"))
        {
            var inner = s[2..^2];
            return inner.Trim().Length == 0 ? new Unordered([], true) : ParseList(SplitTopLevel(inner, ","), braced: true);
        }
        var matrix = MatrixPattern().Match(s);
        if (matrix.Success)
        {
            return ParseMatrix(matrix.Groups["body"].Value);
        }
        var union = SplitTopLevel(s, "\\cup");
        if (union.Count > 1)
        {
            var parts = new List<Interval>();
            foreach (var part in union)
            {
                var piece = Parse(part, false);
                var set = piece as IntervalSet ?? (piece is Bracketed b ? ToIntervalSet(b) : null);
                if (set is null)
                {
                    return null;
                }
                parts.AddRange(set.Parts);
            }
            return new IntervalSet(parts, false);
        }
        if (RelationPattern().IsMatch(s) && ParseInequality(s) is { } inequality)
        {
            return inequality;
        }
        if (s.Length >= 2 && s[0] is '(' or '[' && s[^1] is ')' or ']' && OuterSpans(s))
        {
            var items = SplitTopLevel(s[1..^1], ",");
            if (items.Count > 1)
            {
                var parsed = ParseAll(items);
                if (parsed is null)
                {
                    return null;
                }
                // A pair of constants is a point or an interval: compared by brackets and items, or as an interval against an inequality.
                return new Bracketed(s[0], s[^1], parsed);
            }
        }
        var list = SplitTopLevel(s, ",");
        if (list.Count > 1)
        {
            return ParseList(list, braced: false);
        }
        var pm = SplitTopLevel(s, "\\pm");
        if (pm.Count == 2)
        {
            var plus = ExpressionParser.TryParse(pm[0].Trim().Length == 0 ? "+(" + pm[1] + ")" : pm[0] + "+(" + pm[1] + ")");
            var minus = ExpressionParser.TryParse((pm[0].Trim().Length == 0 ? "" : pm[0]) + "-(" + pm[1] + ")");
            return plus is null || minus is null ? null : new Unordered([new Scalar(plus, false, s), new Scalar(minus, false, s)], false);
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
        var expression = ExpressionParser.TryParse(s);
        if (expression is not null)
        {
            return new Scalar(expression, percent, s);
        }
        return WordText().IsMatch(s) ? new Word(AnswerEquivalence.Compact(s).ToLowerInvariant()) : null;
    }

    private static Answer? ParseList(IReadOnlyList<string> parts, bool braced)
    {
        var items = new List<Answer>();
        foreach (var raw in parts)
        {
            var part = AndPrefix().Replace(raw.Trim(), "");
            var prepared = AnswerEquivalence.Prepare(part);
            var item = Parse(prepared.Text, prepared.Percent);
            if (item is null)
            {
                return null;
            }
            if (item is Unordered { Braced: false } nested && !braced)
            {
                items.AddRange(nested.Items);
            }
            else
            {
                items.Add(item);
            }
        }
        return new Unordered(items, braced);
    }

    private static List<Answer>? ParseAll(IReadOnlyList<string> parts)
    {
        var items = new List<Answer>(parts.Count);
        foreach (var part in parts)
        {
            var prepared = AnswerEquivalence.Prepare(part);
            var item = Parse(prepared.Text, prepared.Percent);
            if (item is null)
            {
                return null;
            }
            items.Add(item);
        }
        return items;
    }

    private static Matrix? ParseMatrix(string body)
    {
        var rows = new List<IReadOnlyList<Answer>>();
        foreach (var row in body.Split("\\\\", StringSplitOptions.TrimEntries))
        {
            if (row.Length == 0)
            {
                continue;
            }
            var cells = ParseAll(row.Split('&'));
            if (cells is null)
            {
                return null;
            }
            rows.Add(cells);
        }
        return rows.Count == 0 ? null : new Matrix(rows);
    }

    private static Interval? AsInterval(char open, char close, Answer low, Answer high)
    {
        if (low is not Scalar { Expression.Variables.Count: 0 } l || high is not Scalar { Expression.Variables.Count: 0 } h)
        {
            return null;
        }
        var empty = new Dictionary<string, double>();
        var lo = l.Expression.Evaluate(empty);
        var hi = h.Expression.Evaluate(empty);
        return double.IsNaN(lo) || double.IsNaN(hi) || lo > hi ? null : new Interval(lo, open == '[', hi, close == ']', l.Expression, h.Expression);
    }

    private static Answer? ParseInequality(string s)
    {
        var tokens = RelationPattern().Split(s);
        var ops = RelationPattern().Matches(s).Select(m => m.Value.Trim()).ToArray();
        if (tokens.Length != ops.Length + 1 || ops.Length > 2)
        {
            return null;
        }
        var sides = new MathExpression[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var prepared = AnswerEquivalence.Prepare(tokens[i]);
            if (ExpressionParser.TryParse(prepared.Text) is not { } e)
            {
                return null;
            }
            sides[i] = e;
        }
        var constraints = new List<(MathExpression Left, MathExpression Right, bool Strict)>();
        for (var i = 0; i < ops.Length; i++)
        {
            var (less, strict) = ops[i] switch
            {
                "<" or "\\lt" => (true, true),
                "\\le" or "\\leq" => (true, false),
                ">" or "\\gt" => (false, true),
                "\\ge" or "\\geq" => (false, false),
                _ => (true, true),
            };
            if (ops[i] is "\\ne" or "\\neq")
            {
                // x ≠ c: the line without one point.
                if (ops.Length != 1 || sides[0].Variables.Count != 1 || sides[1].Variables.Count != 0 || !IsLoneVariable(sides[0]))
                {
                    return null;
                }
                var c = sides[1].Evaluate(new Dictionary<string, double>());
                return double.IsFinite(c)
                    ? new IntervalSet([new Interval(double.NegativeInfinity, false, c, false, null, sides[1]), new Interval(c, false, double.PositiveInfinity, false, sides[1], null)], true)
                    : null;
            }
            // Store as Left - Right < 0 (or ≤ 0).
            constraints.Add(less ? (sides[i], sides[i + 1], strict) : (sides[i + 1], sides[i], strict));
        }
        var variables = sides.SelectMany(e => e.Variables).Distinct(StringComparer.Ordinal).ToArray();
        if (variables.Length == 1 && ToInterval(constraints, variables[0]) is { } interval)
        {
            return new IntervalSet([interval], true);
        }
        return new Relation(constraints);
    }

    /// <summary>The interval of one variable satisfying every constraint when each is linear in it, else null.</summary>
    private static Interval? ToInterval(List<(MathExpression Left, MathExpression Right, bool Strict)> constraints, string variable)
    {
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        bool lowClosed = false, highClosed = false;
        foreach (var (left, right, strict) in constraints)
        {
            double F(double x)
            {
                var point = new Dictionary<string, double>(StringComparer.Ordinal) { [variable] = x };
                return left.Evaluate(point) - right.Evaluate(point);
            }
            var b = F(0);
            var a = F(1) - b;
            if (!double.IsFinite(a) || !double.IsFinite(b) || Math.Abs(a) < 1e-12)
            {
                return null;
            }
            foreach (var t in (ReadOnlySpan<double>)[-3.7, 2.5, 11.3, -40.1])
            {
                if (!Close(F(t), a * t + b, SampleTolerance))
                {
                    return null;
                }
            }
            var root = -b / a;
            if (a > 0)
            {
                // x < root
                if (root < high || (Close(root, high, RelativeTolerance) && strict))
                {
                    high = root;
                    highClosed = !strict;
                }
            }
            else if (root > low || (Close(root, low, RelativeTolerance) && strict))
            {
                low = root;
                lowClosed = !strict;
            }
        }
        return low > high ? null : new Interval(low, lowClosed, high, highClosed, null, null);
    }

    // ---- comparison ----

    private static (bool Equal, string Rule) Equal(Answer a, Answer b)
    {
        switch (a, b)
        {
            case (Scalar x, Scalar y):
                return ScalarEqual(x, y);
            case (Word x, Word y):
                return (string.Equals(x.Text, y.Text, StringComparison.Ordinal), "text");
            case (Equation x, Equation y):
                return (EquationEqual(x, y), "equation");
            case (Equation { Left.Variables.Count: 1 } x, Scalar y) when IsLoneVariable(x.Left):
                return ScalarEqual(new Scalar(x.Right, false, ""), y);
            case (Scalar x, Equation { Left.Variables.Count: 1 } y) when IsLoneVariable(y.Left):
                return ScalarEqual(x, new Scalar(y.Right, false, ""));
            case (Matrix x, Matrix y):
                return (x.Rows.Count == y.Rows.Count && x.Rows.Zip(y.Rows).All(r => r.First.Count == r.Second.Count && r.First.Zip(r.Second).All(c => Equal(c.First, c.Second).Equal)), "matrix");
            case (Matrix x, Bracketed { Open: '(', Close: ')' } y) when Vector(x) is { } items:
                return (items.Count == y.Items.Count && items.Zip(y.Items).All(p => Equal(p.First, p.Second).Equal), "matrix");
            case (Bracketed { Open: '(', Close: ')' } x, Matrix y) when Vector(y) is { } items:
                return (items.Count == x.Items.Count && items.Zip(x.Items).All(p => Equal(p.First, p.Second).Equal), "matrix");
            case (Bracketed x, Bracketed y):
            {
                var interval = x.Items.Count == 2 && (x.Open == '[' || x.Close == ']' || y.Open == '[' || y.Close == ']' || HasInfinity(x) || HasInfinity(y));
                var equal = x.Open == y.Open && x.Close == y.Close && x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second).Equal);
                return (equal, interval ? "interval" : "tuple");
            }
            case (IntervalSet x, IntervalSet y):
                return (SameIntervals(x.Parts, y.Parts), x.FromInequality || y.FromInequality ? "inequality" : "interval");
            case (IntervalSet x, Bracketed y) when ToIntervalSet(y) is { } yi:
                return (SameIntervals(x.Parts, yi.Parts), x.FromInequality ? "inequality" : "interval");
            case (Bracketed x, IntervalSet y) when ToIntervalSet(x) is { } xi:
                return (SameIntervals(xi.Parts, y.Parts), y.FromInequality ? "inequality" : "interval");
            case (Relation x, Relation y):
                return (RelationEqual(x, y), "inequality");
            case (Unordered x, Unordered y):
                return (SameMembers(x.Items, y.Items), "set");
            case (Unordered { Items.Count: 1 } x, _) when b is not Unordered:
                return (Equal(x.Items[0], b).Equal, "set");
            case (_, Unordered { Items.Count: 1 } y) when a is not Unordered:
                return (Equal(a, y.Items[0]).Equal, "set");
            default:
                return (false, a is IntervalSet || b is IntervalSet ? (a is Relation || b is Relation || (a as IntervalSet)?.FromInequality == true || (b as IntervalSet)?.FromInequality == true ? "inequality" : "interval")
                    : a is Word || b is Word ? "text" : a is Unordered || b is Unordered ? "set" : a is Matrix || b is Matrix ? "matrix" : a is Bracketed || b is Bracketed ? "tuple" : a is Relation || b is Relation ? "inequality" : "shape");
        }
    }

    /// <summary>The entries of a one-row or one-column matrix (a vector, which may also be written as a tuple), else null.</summary>
    private static List<Answer>? Vector(Matrix m) =>
        m.Rows.Count == 1 ? [.. m.Rows[0]] : m.Rows.All(r => r.Count == 1) ? [.. m.Rows.Select(r => r[0])] : null;

    private static bool IsLoneVariable(MathExpression e)
    {
        var v = e.Variables.First();
        var point = new Dictionary<string, double>(StringComparer.Ordinal) { [v] = 1.7 };
        var point2 = new Dictionary<string, double>(StringComparer.Ordinal) { [v] = -3.1 };
        return Close(e.Evaluate(point), 1.7, RelativeTolerance) && Close(e.Evaluate(point2), -3.1, RelativeTolerance);
    }

    private static bool HasInfinity(Bracketed x) => x.Items.Any(i => i is Scalar { Expression.Variables.Count: 0 } s && double.IsInfinity(s.Expression.Evaluate(new Dictionary<string, double>())));

    private static IntervalSet? ToIntervalSet(Bracketed b) =>
        b.Items.Count == 2 && AsInterval(b.Open, b.Close, b.Items[0], b.Items[1]) is { } i ? new IntervalSet([i], false) : null;

    private static bool SameIntervals(IReadOnlyList<Interval> a, IReadOnlyList<Interval> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        var used = new bool[b.Count];
        foreach (var x in a)
        {
            var match = -1;
            for (var j = 0; j < b.Count && match < 0; j++)
            {
                if (!used[j] && SameInterval(x, b[j]))
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

    private static bool SameInterval(Interval x, Interval y) =>
        SameEnd(x.Low, x.LowExpr, y.Low, y.LowExpr) && SameEnd(x.High, x.HighExpr, y.High, y.HighExpr)
        && (x.LowClosed == y.LowClosed || double.IsInfinity(x.Low)) && (x.HighClosed == y.HighClosed || double.IsInfinity(x.High));

    private static bool SameEnd(double x, MathExpression? xe, double y, MathExpression? ye)
    {
        if (xe?.Exact is { } a && ye?.Exact is { } b)
        {
            return a == b;
        }
        return Close(x, y, RelativeTolerance);
    }

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
                if (!used[j] && Equal(x, distinctB[j]).Equal)
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
            if (!result.Any(r => Equal(r, item).Equal))
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static (bool Equal, string Rule) ScalarEqual(Scalar a, Scalar b)
    {
        var comparator = Comparator(a.Expression, b.Expression);
        if (a.Percent != b.Percent)
        {
            // "50%" answers "50" and "0.5" alike.
            var pct = a.Percent ? a : b;
            var plain = a.Percent ? b : a;
            return (SameValue(pct.Expression, plain.Expression, 1) || SameValue(pct.Expression, plain.Expression, 0.01), "percent");
        }
        if (SameValue(a.Expression, b.Expression, 1))
        {
            return (true, comparator);
        }
        if (comparator != "symbolic" && (RoundedDecimalApplies(a, b) || RoundedDecimalApplies(b, a)))
        {
            return (RoundedDecimal(a, b) || RoundedDecimal(b, a), "rounded-decimal");
        }
        return (false, comparator);
    }

    /// <summary>
    /// A decimal written with at least 6 fractional digits equals a constant that is not itself a written decimal when it is
    /// that constant rounded to those digits (0.333333 for 1/3, 1.414214 for √2; Math-Verify rounds to 6 places likewise).
    /// </summary>
    private static bool RoundedDecimalApplies(Scalar written, Scalar constant) =>
        LongDecimal().IsMatch(written.Text) && !DecimalLiteral().IsMatch(constant.Text) && constant.Expression.Variables.Count == 0;

    private static bool RoundedDecimal(Scalar written, Scalar constant)
    {
        var m = LongDecimal().Match(written.Text);
        if (!m.Success || DecimalLiteral().IsMatch(constant.Text) || constant.Expression.Variables.Count > 0 || written.Expression.Exact is not { } d)
        {
            return false;
        }
        var digits = m.Groups["f"].Length;
        var empty = new Dictionary<string, double>();
        var c = constant.Expression.Evaluate(empty);
        return double.IsFinite(c) && Math.Abs(d.ToDouble() - c) <= 0.5 * Math.Pow(10, -digits) * (1 + 1e-9);
    }

    private static string Comparator(MathExpression a, MathExpression b) =>
        a.Variables.Count > 0 || b.Variables.Count > 0 ? "symbolic"
        : a.Exact is { } x && b.Exact is { } y ? (x.IsInteger && y.IsInteger ? "integer" : "rational")
        : "numeric";

    /// <summary>a · scale = b: exactly for rationals, to a relative 1e-9 for other constants, at 24 sample points with variables.</summary>
    private static bool SameValue(MathExpression a, MathExpression b, double scale)
    {
        if (a.Exact is { } x && b.Exact is { } y)
        {
            return scale == 1 ? x == y : x * Rational.Create(1, 100)!.Value == y;
        }
        var variables = a.Variables.Union(b.Variables).ToArray();
        if (variables.Length == 0)
        {
            var empty = new Dictionary<string, double>();
            return Close(a.Evaluate(empty) * scale, b.Evaluate(empty), RelativeTolerance);
        }
        var valid = 0;
        foreach (var point in Points(variables))
        {
            var u = a.Evaluate(point) * scale;
            var v = b.Evaluate(point);
            if (double.IsNaN(u) && double.IsNaN(v))
            {
                continue;
            }
            if (!Close(u, v, SampleTolerance))
            {
                return false;
            }
            valid++;
        }
        return valid >= 4;
    }

    private static bool EquationEqual(Equation a, Equation b)
    {
        // Same solution set for linear forms: (l1 - r1) = c · (l2 - r2) for one constant c ≠ 0.
        return Proportional(Difference(a.Left, a.Right), Difference(b.Left, b.Right), a.Left.Variables.Union(a.Right.Variables).Union(b.Left.Variables).Union(b.Right.Variables).ToArray(), positiveOnly: false);
    }

    private static bool RelationEqual(Relation a, Relation b)
    {
        if (a.Constraints.Count != b.Constraints.Count)
        {
            return false;
        }
        var variables = a.Constraints.Concat(b.Constraints).SelectMany(c => c.Left.Variables.Union(c.Right.Variables)).Distinct(StringComparer.Ordinal).ToArray();
        var used = new bool[b.Constraints.Count];
        foreach (var x in a.Constraints)
        {
            var match = -1;
            for (var j = 0; j < b.Constraints.Count && match < 0; j++)
            {
                var y = b.Constraints[j];
                if (!used[j] && x.Strict == y.Strict && Proportional(Difference(x.Left, x.Right), Difference(y.Left, y.Right), variables, positiveOnly: true))
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

    private static Func<IReadOnlyDictionary<string, double>, double> Difference(MathExpression left, MathExpression right) => p => left.Evaluate(p) - right.Evaluate(p);

    private static bool Proportional(Func<IReadOnlyDictionary<string, double>, double> f, Func<IReadOnlyDictionary<string, double>, double> g, string[] variables, bool positiveOnly)
    {
        double? ratio = null;
        var valid = 0;
        foreach (var point in Points(variables))
        {
            var x = f(point);
            var y = g(point);
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                if (double.IsNaN(x) != double.IsNaN(y))
                {
                    return false;
                }
                continue;
            }
            var zeroX = Close(x, 0, SampleTolerance);
            var zeroY = Close(y, 0, SampleTolerance);
            if (zeroX && zeroY)
            {
                valid++;
                continue;
            }
            if (zeroX || zeroY)
            {
                return false;
            }
            var r = x / y;
            if (ratio is { } known && !Close(known, r, SampleTolerance))
            {
                return false;
            }
            ratio ??= r;
            valid++;
        }
        return valid >= 4 && (!positiveOnly || ratio is null or > 0);
    }

    private static IEnumerable<Dictionary<string, double>> Points(string[] variables)
    {
        var random = new SeededRandom(0x5EED);
        for (var i = 0; i < SampleCount; i++)
        {
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var j = 0; j < variables.Length; j++)
            {
                // The first points walk the pool (each variable offset) so every sign and magnitude is visited; the rest are random picks.
                var index = i < Pool.Length ? (i + 5 * j) % Pool.Length : random.NextInt32(Pool.Length);
                point[variables[j]] = Pool[index] * (1 + 0.05 * random.NextDouble());
            }
            yield return point;
        }
    }

    internal static bool Close(double x, double y, double tolerance)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return false;
        }
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return x == y;
        }
        return Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
    }

    // ---- splitting ----

    /// <summary>True when the bracket opening at 0 closes only at the very end (so "(1,2)" but not "(1)+(2)").</summary>
    private static bool OuterSpans(string s)
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
        return depth == 0;
    }

    private static bool IsWrapped(string s, string open, string close)
    {
        if (!s.StartsWith(open, StringComparison.Ordinal) || !s.EndsWith(close, StringComparison.Ordinal) || s.Length < open.Length + close.Length)
        {
            return false;
        }
        // The opening \{ must close at the end: "\{1\} \cup \{2\}" is not one set.
        var depth = 0;
        for (var i = 0; i < s.Length - 1; i++)
        {
            if (s[i] == '\\' && s[i + 1] == '{')
            {
                depth++;
                i++;
            }
            else if (s[i] == '\\' && s[i + 1] == '}')
            {
                depth--;
                if (depth == 0 && i + 2 < s.Length)
                {
                    return false;
                }
                i++;
            }
        }
        return depth == 0;
    }

    /// <summary>Splits at top level (outside brackets) on "or", "and" and ", and" between alternatives.</summary>
    private static List<string> SplitWords(string s)
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
            else if (depth == 0 && char.IsWhiteSpace(c))
            {
                var m = WordSeparator().Match(s, i);
                if (m.Success && m.Index == i)
                {
                    parts.Add(s[start..i]);
                    start = i + m.Length;
                    i = start - 1;
                }
            }
        }
        parts.Add(s[start..]);
        return parts.Where(p => p.Trim().Trim(',').Trim().Length > 0).Select(p => p.Trim().TrimEnd(',')).ToList();
    }

    internal static List<string> SplitTopLevel(string s, string separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length && s[i + 1] is '{' or '}' && separator != "\\{")
            {
                depth += s[i + 1] == '{' ? 1 : -1;
                i++;
                continue;
            }
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
                if (separator.StartsWith('\\') && i + separator.Length < s.Length && char.IsAsciiLetter(s[i + separator.Length]))
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

    [GeneratedRegex(@"^\s*-?\d*\.(?<f>\d{6,})\s*$")]
    private static partial Regex LongDecimal();

    [GeneratedRegex(@"^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*$")]
    private static partial Regex DecimalLiteral();

    [GeneratedRegex(@"\s+(?:or|and)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex WordSeparator();

    [GeneratedRegex(@"^\s*(?:and|or)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndPrefix();

    [GeneratedRegex(@"\s*(?:\\leq?\b|\\geq?\b|\\lt\b|\\gt\b|\\neq?\b|<|>)\s*")]
    private static partial Regex RelationPattern();

    [GeneratedRegex(@"^\\begin\{(?:p|b|B)?matrix\}(?<body>.*)\\end\{(?:p|b|B)?matrix\}$", RegexOptions.Singleline)]
    private static partial Regex MatrixPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z\s'\-.]*$")]
    private static partial Regex WordText();
}
