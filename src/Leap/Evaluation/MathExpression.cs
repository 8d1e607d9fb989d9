namespace Kinship.Leap.Evaluation;

/// <summary>A parsed scalar expression: evaluates numerically for any assignment of its variables, and carries its exact rational value when it is a rational constant.</summary>
internal sealed class MathExpression(Func<IReadOnlyDictionary<string, double>, double> evaluate, IReadOnlySet<string> variables, Rational? exact, bool baseNumber, bool mixedNumber)
{
    /// <summary>The free variables (letters, Greek commands, subscripted names).</summary>
    public IReadOnlySet<string> Variables { get; } = variables;

    /// <summary>The exact value when the expression is a rational constant (integers, decimals, fractions and their arithmetic), else null.</summary>
    public Rational? Exact { get; } = exact;

    /// <summary>True when a number was written in another base (<c>1010_2</c>).</summary>
    public bool BaseNumber { get; } = baseNumber;

    /// <summary>True when an integer directly followed by a fraction was read as a mixed number (<c>2\frac{1}{2}</c>).</summary>
    public bool MixedNumber { get; } = mixedNumber;

    /// <summary>The value at <paramref name="point"/> (NaN outside the domain).</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> point) => evaluate(point);
}
