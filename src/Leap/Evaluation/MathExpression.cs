namespace Kinship.Leap.Evaluation;

/// <summary>A parsed scalar expression: evaluates numerically for any assignment of its variables.</summary>
internal sealed class MathExpression(Func<IReadOnlyDictionary<string, double>, double> evaluate, IReadOnlySet<string> variables, double? literal)
{
    /// <summary>The free variables (letters, Greek commands, subscripted names).</summary>
    public IReadOnlySet<string> Variables { get; } = variables;

    /// <summary>The value when the expression is a plain number literal (after normalization), else null.</summary>
    public double? Literal { get; } = literal;

    /// <summary>The value at <paramref name="point"/> (NaN outside the domain).</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> point) => evaluate(point);
}
