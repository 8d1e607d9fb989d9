namespace Kinship.Leap.Evaluation;

/// <summary>The answer found in one output, whether it matches the reference (false when none was found), and the grading rule that decided it.</summary>
public sealed record GradedAnswer(string? Extracted, bool Correct, string Rule = "")
{
    /// <summary>The extraction rule that found <see cref="Extracted"/> (boxed, answer-phrase, bare, last-math, choice-…), or "none".</summary>
    public string Extraction { get; init; } = "";
}
