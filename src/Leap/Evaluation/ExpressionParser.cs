using System.Numerics;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// A small recursive-descent parser for the LaTeX-ish arithmetic of final answers: numbers (also in another base,
/// <c>1010_2</c>), variables, <c>+ - * / ^ !</c>, implicit multiplication, mixed numbers, <c>\frac</c>, <c>\sqrt[n]{}</c>,
/// <c>\binom</c>, π, ∞, e, |x|, floor/ceiling, <c>\max</c>/<c>\min</c> and the usual functions. Rational constants are also
/// folded exactly. Returns null for anything else (the caller then compares text).
/// </summary>
internal sealed class ExpressionParser
{
    private delegate double Eval(IReadOnlyDictionary<string, double> point);

    private static readonly HashSet<string> Functions = ["sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "ln", "log", "exp", "sqrt"];
    private static readonly HashSet<string> Greek = ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega"];
    private static readonly HashSet<string> Closers = ["rfloor", "rceil", "right", "end"];

    private readonly string _s;
    private readonly HashSet<string> _variables = new(StringComparer.Ordinal);
    private int _p;
    private int _absDepth;
    private bool _baseNumber;
    private bool _mixedNumber;

    private ExpressionParser(string s) => _s = s;

    /// <summary>Parses <paramref name="text"/> as one scalar expression, or returns null.</summary>
    public static MathExpression? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text);
        try
        {
            var node = parser.ParseAdditive();
            parser.SkipSpace();
            if (parser._p != text.Length || text.Trim().Length == 0)
            {
                return null;
            }
            var eval = node.Eval;
            return new MathExpression(p => eval(p), parser._variables, node.Exact, parser._baseNumber, parser._mixedNumber);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private readonly record struct Node(Eval Eval, Rational? Exact, Kind Kind = Kind.Other)
    {
        public static Node Constant(Rational value)
        {
            var d = value.ToDouble();
            return new Node(_ => d, value);
        }

        public static Node Constant(double value) => new(_ => value, null);
    }

    private char Peek => _p < _s.Length ? _s[_p] : '\0';

    private void SkipSpace()
    {
        while (_p < _s.Length && char.IsWhiteSpace(_s[_p]))
        {
            _p++;
        }
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Peek != c)
        {
            throw new FormatException();
        }
        _p++;
    }

    private bool TryCommand(string name)
    {
        SkipSpace();
        if (string.CompareOrdinal(_s, _p, "\\" + name, 0, name.Length + 1) == 0
            && (_p + name.Length + 1 >= _s.Length || !char.IsAsciiLetter(_s[_p + name.Length + 1])))
        {
            _p += name.Length + 1;
            return true;
        }
        return false;
    }

    private Node ParseAdditive()
    {
        var left = ParseTerm();
        while (true)
        {
            SkipSpace();
            var op = Peek;
            if (op is not ('+' or '-'))
            {
                return left;
            }
            _p++;
            var right = ParseTerm();
            var l = left.Eval;
            var r = right.Eval;
            Rational? exact = left.Exact is { } a && right.Exact is { } b ? (op == '+' ? a + b : a - b) : null;
            left = new Node(op == '+' ? p => l(p) + r(p) : p => l(p) - r(p), exact);
        }
    }

    private Node ParseTerm()
    {
        var left = ParseUnary();
        var first = true;
        while (true)
        {
            SkipSpace();
            var op = Peek;
            Node right;
            bool divide;
            if (op is '*' or '/')
            {
                _p++;
                right = ParseUnary();
                divide = op == '/';
            }
            else if (StartsPrimary())
            {
                right = ParsePower();
                if (first && left.Kind is Kind.Integer or Kind.NegativeInteger && right.Kind == Kind.LiteralFraction)
                {
                    // "2\frac{1}{2}" is the mixed number 5/2, not 2 · 1/2 ("-2\frac12" is -5/2).
                    _mixedNumber = true;
                    var negative = left.Kind == Kind.NegativeInteger;
                    var exactMixed = negative ? left.Exact!.Value - right.Exact!.Value : left.Exact!.Value + right.Exact!.Value;
                    left = Node.Constant(exactMixed);
                    first = false;
                    continue;
                }
                divide = false;
            }
            else
            {
                return left;
            }
            var l = left.Eval;
            var r = right.Eval;
            Rational? exact = left.Exact is { } a && right.Exact is { } b ? (divide ? Rational.Divide(a, b) : a * b) : null;
            left = new Node(divide ? p => l(p) / r(p) : p => l(p) * r(p), exact);
            first = false;
        }
    }

    private Node ParseUnary()
    {
        SkipSpace();
        if (Peek == '-')
        {
            _p++;
            var inner = ParseUnary();
            var e = inner.Eval;
            return new Node(p => -e(p), -inner.Exact, inner.Kind == Kind.Integer ? Kind.NegativeInteger : Kind.Other);
        }
        if (Peek == '+')
        {
            _p++;
            return ParseUnary();
        }
        if (TryCommand("pm") || TryCommand("mp"))
        {
            // A lone ± inside an expression is not a single value.
            throw new FormatException();
        }
        return ParsePower();
    }

    private Node ParsePower()
    {
        var baseNode = ParsePostfix();
        SkipSpace();
        if (Peek != '^')
        {
            return baseNode;
        }
        _p++;
        SkipSpace();
        Node exponent;
        if (Peek == '{')
        {
            _p++;
            exponent = ParseAdditive();
            Expect('}');
        }
        else if (Peek is '-' or '+')
        {
            exponent = ParseUnary();
        }
        else if (char.IsAsciiDigit(Peek))
        {
            // "x^23" in LaTeX is x^2 · 3; a single digit is the exponent.
            var digit = _s[_p++] - '0';
            exponent = Node.Constant(Rational.FromInteger(digit));
        }
        else
        {
            exponent = ParsePostfix();
        }
        var b = baseNode.Eval;
        var x = exponent.Eval;
        Rational? exact = baseNode.Exact is { } be && exponent.Exact is { } ee ? Rational.Pow(be, ee) : null;
        return new Node(p => Power(b(p), x(p)), exact);
    }

    private static double Power(double b, double x)
    {
        // Real odd roots of negatives: (-8)^(1/3) = -2.
        if (b < 0 && !double.IsInteger(x))
        {
            var inverse = 1 / x;
            if (double.IsOddInteger(Math.Round(inverse)) && Math.Abs(inverse - Math.Round(inverse)) < 1e-12)
            {
                return -Math.Pow(-b, x);
            }
        }
        return Math.Pow(b, x);
    }

    private Node ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            SkipSpace();
            if (Peek != '!')
            {
                return node;
            }
            _p++;
            var inner = node.Eval;
            node = new Node(p => Factorial(inner(p)), node.Exact is { IsInteger: true } n && n.Numerator.Sign >= 0 && n.Numerator <= 1000 ? ExactFactorial((int)n.Numerator) : null);
        }
    }

    private bool StartsPrimary()
    {
        var c = Peek;
        if (c == '\\')
        {
            var start = _p + 1;
            var end = start;
            while (end < _s.Length && char.IsAsciiLetter(_s[end]))
            {
                end++;
            }
            var name = _s[start..end];
            return name.Length > 0 && !Closers.Contains(name) && name is not ("pm" or "mp" or "cup" or "le" or "ge" or "leq" or "geq" or "lt" or "gt" or "neq" or "in");
        }
        return char.IsAsciiDigit(c) || char.IsAsciiLetter(c) || c is '(' or '[' or '{' or 'π' or '∞' or '√' or '.'
            || (c == '|' && _absDepth == 0);
    }

    private Node ParsePrimary()
    {
        SkipSpace();
        var c = Peek;
        if (char.IsAsciiDigit(c) || (c == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1])))
        {
            return ParseNumber();
        }
        switch (c)
        {
            case '(' or '[' or '{':
            {
                _p++;
                var inner = ParseAdditive();
                Expect(c == '(' ? ')' : c == '[' ? ']' : '}');
                return inner with { Kind = Kind.Other };
            }
            case '|':
            {
                _p++;
                _absDepth++;
                var inner = ParseAdditive();
                _absDepth--;
                Expect('|');
                return Abs(inner);
            }
            case 'π':
                _p++;
                return Node.Constant(Math.PI);
            case '∞':
                _p++;
                return Node.Constant(double.PositiveInfinity);
            case '√':
            {
                _p++;
                return Sqrt(ParsePostfix());
            }
            case '\\':
                return ParseCommand();
        }
        if (char.IsAsciiLetter(c))
        {
            return ParseWord();
        }
        throw new FormatException();
    }

    private Node ParseNumber()
    {
        var start = _p;
        while (char.IsAsciiDigit(Peek))
        {
            _p++;
        }
        var integer = true;
        if (Peek == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1]))
        {
            integer = false;
            _p++;
            while (char.IsAsciiDigit(Peek))
            {
                _p++;
            }
        }
        var digits = _s.AsSpan(start, _p - start);
        if (integer && Peek == '_')
        {
            // A number in another base: 1010_2, 1010_{2}, 17_{10}.
            var save = _p;
            _p++;
            var braced = Peek == '{';
            if (braced)
            {
                _p++;
            }
            var baseStart = _p;
            while (char.IsAsciiDigit(Peek))
            {
                _p++;
            }
            if (_p > baseStart && (!braced || Peek == '}'))
            {
                var radix = int.Parse(_s.AsSpan(baseStart, _p - baseStart), System.Globalization.CultureInfo.InvariantCulture);
                if (braced)
                {
                    _p++;
                }
                _baseNumber = true;
                return Node.Constant(Rational.FromInteger(FromBase(digits, radix))) with { Kind = Kind.Other };
            }
            _p = save;
        }
        var value = Rational.ParseDecimal(digits);
        return Node.Constant(value) with { Kind = integer ? Kind.Integer : Kind.Other };
    }

    private static BigInteger FromBase(ReadOnlySpan<char> digits, int radix)
    {
        if (radix is < 2 or > 36)
        {
            throw new FormatException();
        }
        var value = BigInteger.Zero;
        foreach (var d in digits)
        {
            var digit = d - '0';
            if (digit >= radix)
            {
                throw new FormatException();
            }
            value = value * radix + digit;
        }
        return value;
    }

    private Node ParseCommand()
    {
        _p++; // backslash
        var start = _p;
        while (char.IsAsciiLetter(Peek))
        {
            _p++;
        }
        var name = _s[start.._p];
        switch (name)
        {
            case "frac":
            {
                var num = Argument();
                var den = Argument();
                var n = num.Eval;
                var d = den.Eval;
                var exact = num.Exact is { } a && den.Exact is { } b ? Rational.Divide(a, b) : null;
                var literal = num.Exact is { IsInteger: true } && den.Exact is { IsInteger: true } && exact is not null && num.Kind == Kind.Integer && den.Kind == Kind.Integer;
                return new Node(p => n(p) / d(p), exact, literal ? Kind.LiteralFraction : Kind.Other);
            }
            case "binom" or "dbinom" or "tbinom":
            {
                var n = Argument();
                var k = Argument();
                var ne = n.Eval;
                var ke = k.Eval;
                Rational? exact = n.Exact is { IsInteger: true } ni && k.Exact is { IsInteger: true } ki && ni.Numerator.Sign >= 0 && ni.Numerator <= 100000 ? ExactBinomial(ni.Numerator, ki.Numerator) : null;
                return new Node(p => Binomial(ne(p), ke(p)), exact);
            }
            case "sqrt":
            {
                SkipSpace();
                Node? index = null;
                if (Peek == '[')
                {
                    _p++;
                    index = ParseAdditive();
                    Expect(']');
                }
                var radicand = Argument();
                if (index is null)
                {
                    return Sqrt(radicand);
                }
                var r = radicand.Eval;
                var i = index.Value.Eval;
                return new Node(p => Root(r(p), i(p)), null);
            }
            case "pi":
                return Node.Constant(Math.PI);
            case "infty" or "infin" or "infinity":
                return Node.Constant(double.PositiveInfinity);
            case "lfloor" or "lceil":
            {
                var inner = ParseAdditive();
                if (!TryCommand(name == "lfloor" ? "rfloor" : "rceil"))
                {
                    throw new FormatException();
                }
                var e = inner.Eval;
                var floor = name == "lfloor";
                Rational? exact = inner.Exact is { } q ? Rational.FromInteger(floor ? FloorDiv(q.Numerator, q.Denominator) : -FloorDiv(-q.Numerator, q.Denominator)) : null;
                return new Node(floor ? p => Math.Floor(e(p)) : p => Math.Ceiling(e(p)), exact);
            }
            case "max" or "min":
                return ParseExtremum(name == "max");
        }
        if (Functions.Contains(name))
        {
            return ParseFunction(name);
        }
        if (Greek.Contains(name))
        {
            var variable = "\\" + name + Subscript();
            _variables.Add(variable);
            return new Node(p => p[variable], null);
        }
        throw new FormatException();
    }

    private Node ParseExtremum(bool max)
    {
        SkipSpace();
        string close;
        if (Peek == '(')
        {
            close = ")";
            _p++;
        }
        else if (Peek == '{')
        {
            close = "}";
            _p++;
        }
        else if (string.CompareOrdinal(_s, _p, "\\{", 0, 2) == 0)
        {
            close = "\\}";
            _p += 2;
        }
        else
        {
            throw new FormatException();
        }
        var args = new List<Node> { ParseAdditive() };
        while (true)
        {
            SkipSpace();
            if (Peek == ',')
            {
                _p++;
                args.Add(ParseAdditive());
                continue;
            }
            if (string.CompareOrdinal(_s, _p, close, 0, close.Length) != 0)
            {
                throw new FormatException();
            }
            _p += close.Length;
            break;
        }
        var evals = args.Select(a => a.Eval).ToArray();
        Rational? exact = null;
        if (args.All(a => a.Exact is not null))
        {
            var values = args.Select(a => a.Exact!.Value).ToArray();
            exact = values.Aggregate((x, y) => (x - y).Numerator.Sign >= 0 == max ? x : y);
        }
        return new Node(p =>
        {
            var best = evals[0](p);
            for (var i = 1; i < evals.Length; i++)
            {
                var v = evals[i](p);
                best = double.IsNaN(v) || double.IsNaN(best) ? double.NaN : max ? Math.Max(best, v) : Math.Min(best, v);
            }
            return best;
        }, exact);
    }

    private Node ParseWord()
    {
        var start = _p;
        while (char.IsAsciiLetter(Peek))
        {
            _p++;
        }
        var word = _s[start.._p];
        if (Functions.Contains(word))
        {
            return ParseFunction(word);
        }
        if (word is "pi")
        {
            return Node.Constant(Math.PI);
        }
        if (word is "inf" or "infty" or "infinity")
        {
            return Node.Constant(double.PositiveInfinity);
        }
        if (word.Length >= 3)
        {
            // A word, not a product of variables: leave it to text comparison.
            throw new FormatException();
        }
        _p = start + 1;
        var letter = word[0];
        if (letter == 'e' && Peek != '_')
        {
            return Node.Constant(Math.E);
        }
        var variable = letter + Subscript();
        _variables.Add(variable);
        return new Node(p => p[variable], null);
    }

    private string Subscript()
    {
        if (Peek != '_')
        {
            return "";
        }
        var start = _p;
        _p++;
        if (Peek == '{')
        {
            var close = _s.IndexOf('}', _p);
            if (close < 0)
            {
                throw new FormatException();
            }
            _p = close + 1;
        }
        else if (_p < _s.Length)
        {
            _p++;
        }
        return _s[start.._p];
    }

    private Node ParseFunction(string name)
    {
        SkipSpace();
        Node? logBase = null;
        if (name == "log" && Peek == '_')
        {
            _p++;
            logBase = Argument();
        }
        SkipSpace();
        Node? power = null;
        if (Peek == '^')
        {
            // \sin^2 x
            _p++;
            power = Argument();
        }
        var argument = ParsePower();
        if (name == "sqrt")
        {
            return Sqrt(argument);
        }
        var arg = argument.Eval;
        Func<double, double> f = name switch
        {
            "sin" => Math.Sin,
            "cos" => Math.Cos,
            "tan" => Math.Tan,
            "sec" => x => 1 / Math.Cos(x),
            "csc" => x => 1 / Math.Sin(x),
            "cot" => x => 1 / Math.Tan(x),
            "arcsin" => Math.Asin,
            "arccos" => Math.Acos,
            "arctan" => Math.Atan,
            "sinh" => Math.Sinh,
            "cosh" => Math.Cosh,
            "tanh" => Math.Tanh,
            "ln" => Math.Log,
            "log" => Math.Log10,
            _ => Math.Exp,
        };
        Eval result;
        if (logBase is { } lb)
        {
            var b = lb.Eval;
            result = p => Math.Log(arg(p)) / Math.Log(b(p));
        }
        else
        {
            result = p => f(arg(p));
        }
        if (power is not { } pw)
        {
            return new Node(result, null);
        }
        var exponent = pw.Eval;
        return new Node(p => Math.Pow(result(p), exponent(p)), null);
    }

    /// <summary>A command argument: a braced group, or a single digit, letter or command (<c>\frac12</c>, <c>\sqrt3</c>).</summary>
    private Node Argument()
    {
        SkipSpace();
        if (Peek == '{')
        {
            _p++;
            var group = ParseAdditive();
            Expect('}');
            return group;
        }
        if (char.IsAsciiDigit(Peek))
        {
            var value = _s[_p++] - '0';
            return Node.Constant(Rational.FromInteger(value)) with { Kind = Kind.Integer };
        }
        if (char.IsAsciiLetter(Peek))
        {
            var variable = _s[_p++].ToString();
            if (variable == "e")
            {
                return Node.Constant(Math.E);
            }
            _variables.Add(variable);
            return new Node(p => p[variable], null);
        }
        if (Peek == '\\')
        {
            return ParseCommand();
        }
        throw new FormatException();
    }

    private static Node Abs(Node inner)
    {
        var e = inner.Eval;
        Rational? exact = inner.Exact is { } q ? (q.Numerator.Sign < 0 ? -q : q) : null;
        return new Node(p => Math.Abs(e(p)), exact);
    }

    private static Node Sqrt(Node radicand)
    {
        var r = radicand.Eval;
        Rational? exact = null;
        if (radicand.Exact is { } q && q.Numerator.Sign >= 0)
        {
            var n = IntegerSqrt(q.Numerator);
            var d = IntegerSqrt(q.Denominator);
            if (n * n == q.Numerator && d * d == q.Denominator)
            {
                exact = Rational.Create(n, d);
            }
        }
        return new Node(p => Math.Sqrt(r(p)), exact);
    }

    private static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n.Sign <= 0)
        {
            return BigInteger.Zero;
        }
        var x = (BigInteger)Math.Sqrt((double)n);
        while (x * x > n)
        {
            x--;
        }
        while ((x + 1) * (x + 1) <= n)
        {
            x++;
        }
        return x;
    }

    private static BigInteger FloorDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r.Sign != 0 && (r.Sign < 0) != (b.Sign < 0) ? q - 1 : q;
    }

    private static double Root(double x, double n) =>
        x < 0 && double.IsOddInteger(n) ? -Math.Pow(-x, 1 / n) : Math.Pow(x, 1 / n);

    private static double Factorial(double n)
    {
        if (n < 0 || !double.IsInteger(n) || n > 170)
        {
            return double.NaN;
        }
        var result = 1.0;
        for (var i = 2; i <= (int)n; i++)
        {
            result *= i;
        }
        return result;
    }

    private static Rational ExactFactorial(int n)
    {
        var result = BigInteger.One;
        for (var i = 2; i <= n; i++)
        {
            result *= i;
        }
        return Rational.FromInteger(result);
    }

    private static double Binomial(double n, double k)
    {
        if (!double.IsInteger(n) || !double.IsInteger(k) || k < 0 || n < 0 || k > n)
        {
            return k > n && k >= 0 && double.IsInteger(k) ? 0 : double.NaN;
        }
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }
        return Math.Round(result);
    }

    private static Rational? ExactBinomial(BigInteger n, BigInteger k)
    {
        if (k.Sign < 0 || k > n)
        {
            return Rational.Zero;
        }
        var result = BigInteger.One;
        var kk = (int)BigInteger.Min(k, n - k);
        for (var i = 1; i <= kk; i++)
        {
            result = result * (n - kk + i) / i;
        }
        return Rational.FromInteger(result);
    }

    private enum Kind
    {
        Other,
        Integer,
        NegativeInteger,
        LiteralFraction,
    }
}
