namespace Kinship.Leap.Evaluation;

/// <summary>Whether two answers are equivalent and the rule that decided it (see docs/formats-eval.md, "Grading rules").</summary>
public sealed record EquivalenceVerdict(bool Equal, string Rule);
