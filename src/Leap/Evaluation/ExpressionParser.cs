using System.Globalization;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// A small recursive-descent parser for the LaTeX-ish arithmetic of final answers: numbers, variables,
/// <c>+ - * / ^ !</c>, implicit multiplication, <c>\frac</c>, <c>\sqrt[n]{}</c>, π, ∞, e, |x|, and the usual functions.
/// Returns null for anything else (the caller then compares text).
/// </summary>
internal sealed class ExpressionParser
{
    private delegate double Eval(IReadOnlyDictionary<string, double> point);

    private static readonly HashSet<string> Functions = ["sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "ln", "log", "exp", "sqrt"];
    private static readonly HashSet<string> Greek = ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega"];

    private readonly string _s;
    private readonly HashSet<string> _variables = new(StringComparer.Ordinal);
    private int _p;
    private int _absDepth;

    private ExpressionParser(string s) => _s = s;

    /// <summary>Parses <paramref name="text"/> as one scalar expression, or returns null.</summary>
    public static MathExpression? TryParse(string text)
    {
        var parser = new ExpressionParser(text);
        try
        {
            var (eval, literal) = parser.ParseAdditive();
            parser.SkipSpace();
            if (parser._p != text.Length)
            {
                return null;
            }
            return new MathExpression(p => eval(p), parser._variables, literal);
        }
        catch (FormatException)
        {
            return null;
        }
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

    private (Eval Eval, double? Literal) ParseAdditive()
    {
        var (left, literal) = ParseTerm();
        while (true)
        {
            SkipSpace();
            var op = Peek;
            if (op is not ('+' or '-'))
            {
                return (left, literal);
            }
            _p++;
            var (right, _) = ParseTerm();
            var l = left;
            left = op == '+' ? p => l(p) + right(p) : p => l(p) - right(p);
            literal = null;
        }
    }

    private (Eval Eval, double? Literal) ParseTerm()
    {
        var (left, literal, kind) = ParseUnary();
        while (true)
        {
            SkipSpace();
            var op = Peek;
            if (op is '*' or '/')
            {
                _p++;
                var (right, _, _) = ParseUnary();
                var l = left;
                left = op == '*' ? p => l(p) * right(p) : p => l(p) / right(p);
            }
            else if (StartsPrimary())
            {
                var (right, _, rightKind) = ParsePower();
                var l = left;
                // "2\frac{1}{2}" is a mixed number (5/2), not 2 · 1/2.
                left = kind == Kind.Integer && rightKind == Kind.LiteralFraction ? p => l(p) + right(p) : p => l(p) * right(p);
            }
            else
            {
                return (left, literal);
            }
            literal = null;
            kind = Kind.Other;
        }
    }

    private (Eval Eval, double? Literal, Kind Kind) ParseUnary()
    {
        SkipSpace();
        if (Peek == '-')
        {
            _p++;
            var (inner, literal, _) = ParseUnary();
            return (p => -inner(p), -literal, Kind.Other);
        }
        if (Peek == '+')
        {
            _p++;
            return ParseUnary();
        }
        return ParsePower();
    }

    private (Eval Eval, double? Literal, Kind Kind) ParsePower()
    {
        var (baseEval, literal, kind) = ParsePostfix();
        SkipSpace();
        if (Peek != '^')
        {
            return (baseEval, literal, kind);
        }
        _p++;
        SkipSpace();
        Eval exponent;
        if (Peek == '{')
        {
            _p++;
            exponent = ParseAdditive().Eval;
            Expect('}');
        }
        else if (Peek is '-' or '+')
        {
            exponent = ParseUnary().Eval;
        }
        else
        {
            exponent = ParsePower().Eval;
        }
        return (p => Math.Pow(baseEval(p), exponent(p)), null, Kind.Other);
    }

    private (Eval Eval, double? Literal, Kind Kind) ParsePostfix()
    {
        var (eval, literal, kind) = ParsePrimary();
        while (true)
        {
            SkipSpace();
            if (Peek != '!')
            {
                return (eval, literal, kind);
            }
            _p++;
            var inner = eval;
            eval = p => Factorial(inner(p));
            literal = null;
            kind = Kind.Other;
        }
    }

    private bool StartsPrimary()
    {
        var c = Peek;
        return char.IsAsciiDigit(c) || char.IsAsciiLetter(c) || c is '(' or '[' or '{' or '\\' or 'π' or '∞' or '√' or '.'
            || (c == '|' && _absDepth == 0);
    }

    private (Eval Eval, double? Literal, Kind Kind) ParsePrimary()
    {
        SkipSpace();
        var c = Peek;
        if (char.IsAsciiDigit(c) || (c == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1])))
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
            var value = double.Parse(_s.AsSpan(start, _p - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            return (_ => value, value, integer ? Kind.Integer : Kind.Other);
        }
        switch (c)
        {
            case '(' or '[' or '{':
            {
                _p++;
                var (inner, literal) = ParseAdditive();
                Expect(c == '(' ? ')' : c == '[' ? ']' : '}');
                return (inner, literal, Kind.Other);
            }
            case '|':
            {
                _p++;
                _absDepth++;
                var (inner, _) = ParseAdditive();
                _absDepth--;
                Expect('|');
                return (p => Math.Abs(inner(p)), null, Kind.Other);
            }
            case 'π':
                _p++;
                return (_ => Math.PI, null, Kind.Other);
            case '∞':
                _p++;
                return (_ => double.PositiveInfinity, null, Kind.Other);
            case '√':
            {
                _p++;
                var (inner, _, _) = ParsePostfix();
                return (p => Math.Sqrt(inner(p)), null, Kind.Other);
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

    private (Eval Eval, double? Literal, Kind Kind) ParseCommand()
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
                var (num, numLiteral) = Argument();
                var (den, denLiteral) = Argument();
                var literalFraction = numLiteral is { } n && denLiteral is { } d && double.IsInteger(n) && double.IsInteger(d);
                return (p => num(p) / den(p), null, literalFraction ? Kind.LiteralFraction : Kind.Other);
            }
            case "sqrt":
            {
                SkipSpace();
                Eval? index = null;
                if (Peek == '[')
                {
                    _p++;
                    index = ParseAdditive().Eval;
                    Expect(']');
                }
                var (radicand, _) = Argument();
                return index is null
                    ? (p => Math.Sqrt(radicand(p)), null, Kind.Other)
                    : (p => Root(radicand(p), index(p)), null, Kind.Other);
            }
            case "pi":
                return (_ => Math.PI, null, Kind.Other);
            case "infty" or "infin":
                return (_ => double.PositiveInfinity, null, Kind.Other);
            case "e" or "mathrm":
                throw new FormatException();
        }
        if (Functions.Contains(name))
        {
            return ParseFunction(name);
        }
        if (Greek.Contains(name))
        {
            var variable = "\\" + name + Subscript();
            _variables.Add(variable);
            return (p => p[variable], null, Kind.Other);
        }
        throw new FormatException();
    }

    private (Eval Eval, double? Literal, Kind Kind) ParseWord()
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
            return (_ => Math.PI, null, Kind.Other);
        }
        if (word is "inf" or "infty" or "infinity")
        {
            return (_ => double.PositiveInfinity, null, Kind.Other);
        }
        if (word.Length >= 3)
        {
            // A word, not a product of variables: leave it to text comparison.
            throw new FormatException();
        }
        _p = start + 1;
        var letter = word[0];
        if (letter == 'e' && !(Peek == '_'))
        {
            return (_ => Math.E, null, Kind.Other);
        }
        var variable = letter + Subscript();
        _variables.Add(variable);
        return (p => p[variable], null, Kind.Other);
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

    private (Eval Eval, double? Literal, Kind Kind) ParseFunction(string name)
    {
        SkipSpace();
        Eval? logBase = null;
        if (name == "log" && Peek == '_')
        {
            _p++;
            logBase = Argument().Eval;
        }
        SkipSpace();
        Eval? power = null;
        if (Peek == '^')
        {
            // \sin^2 x
            _p++;
            power = Argument().Eval;
        }
        var (arg, _, _) = ParsePower();
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
            "exp" => Math.Exp,
            _ => Math.Sqrt,
        };
        Eval result = logBase is null ? p => f(arg(p)) : p => Math.Log(arg(p)) / Math.Log(logBase(p));
        return power is null ? (result, null, Kind.Other) : (p => Math.Pow(result(p), power(p)), null, Kind.Other);
    }

    /// <summary>A command argument: a braced group, or a single digit, letter or command (<c>\frac12</c>, <c>\sqrt3</c>).</summary>
    private (Eval Eval, double? Literal) Argument()
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
            var value = (double)(_s[_p++] - '0');
            return (_ => value, value);
        }
        if (char.IsAsciiLetter(Peek))
        {
            var variable = _s[_p++].ToString();
            if (variable == "e")
            {
                return (_ => Math.E, null);
            }
            _variables.Add(variable);
            return (p => p[variable], null);
        }
        if (Peek == '\\')
        {
            var (eval, literal, _) = ParseCommand();
            return (eval, literal);
        }
        throw new FormatException();
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

    private enum Kind
    {
        Other,
        Integer,
        LiteralFraction,
    }
}
