namespace Kinship.Leap.Prompting;

/// <summary>One problem to solve: its statement, its kind, and for multiple choice its options in letter order (A, B, ...).</summary>
public sealed record Problem(string Text, ProblemKind Kind, IReadOnlyList<string>? Options = null)
{
    /// <summary>A math problem whose answer goes in <c>\boxed{}</c>.</summary>
    public static Problem Math(string text) => new(text, ProblemKind.Math);

    /// <summary>A multiple-choice problem with options rendered <c>A) ...</c>, <c>B) ...</c> in the order given.</summary>
    public static Problem MultipleChoice(string text, IReadOnlyList<string> options) => new(text, ProblemKind.MultipleChoice, options);
}
