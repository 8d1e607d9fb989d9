using System.Numerics;

namespace Kinship.Leap.Evaluation;

/// <summary>An exact rational number (arbitrary-size numerator over a positive denominator, always reduced), for exact grading of integers, decimals and fractions.</summary>
internal readonly record struct Rational
{
    /// <summary>The largest exponent folded exactly; beyond it a power is evaluated numerically only.</summary>
    private const int MaxExactExponent = 4096;

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public bool IsInteger => Denominator.IsOne;

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public static Rational FromInteger(BigInteger value) => new(value, BigInteger.One);

    /// <summary>The reduced fraction <paramref name="numerator"/>/<paramref name="denominator"/>; null when the denominator is zero.</summary>
    public static Rational? Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            return null;
        }
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne || gcd.IsZero ? new Rational(numerator, denominator) : new Rational(numerator / gcd, denominator / gcd);
    }

    /// <summary>The exact value of a decimal literal such as <c>12.050</c> (digits with at most one point).</summary>
    public static Rational ParseDecimal(ReadOnlySpan<char> text)
    {
        var point = text.IndexOf('.');
        if (point < 0)
        {
            return FromInteger(BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
        var whole = text[..point];
        var fraction = text[(point + 1)..];
        var digits = string.Concat(whole, fraction);
        var numerator = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return Create(numerator, BigInteger.Pow(10, fraction.Length))!.Value;
    }

    public static Rational operator +(Rational a, Rational b) => Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator)!.Value;

    public static Rational operator -(Rational a, Rational b) => Create(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator)!.Value;

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator)!.Value;

    /// <summary>The quotient, or null when dividing by zero.</summary>
    public static Rational? Divide(Rational a, Rational b) => Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary><paramref name="a"/> to an integer power (exact), or null when the exponent is not a small integer or the base is zero with a negative exponent.</summary>
    public static Rational? Pow(Rational a, Rational exponent)
    {
        if (!exponent.IsInteger || BigInteger.Abs(exponent.Numerator) > MaxExactExponent)
        {
            return null;
        }
        var n = (int)exponent.Numerator;
        if (Math.Abs(n) > 1 && a.Numerator.GetBitLength() * Math.Abs(n) > 1 << 16)
        {
            return null;
        }
        return n >= 0
            ? Create(BigInteger.Pow(a.Numerator, n), BigInteger.Pow(a.Denominator, n))
            : Create(BigInteger.Pow(a.Denominator, -n), BigInteger.Pow(a.Numerator, -n));
    }

    public double ToDouble()
    {
        var value = (double)Numerator / (double)Denominator;
        if (double.IsFinite(value) || Numerator.IsZero)
        {
            return value;
        }
        // Both parts overflow a double: scale them down together.
        var shift = Math.Max(Numerator.GetBitLength(), Denominator.GetBitLength()) - 1000;
        return (double)(Numerator >> (int)shift) / (double)(Denominator >> (int)shift);
    }

    public override string ToString() => IsInteger ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";
}
