namespace Kinship.Leap.Evaluation;

/// <summary>The answer found in one output and whether it matches the reference (false when none was found).</summary>
public sealed record GradedAnswer(string? Extracted, bool Correct);
