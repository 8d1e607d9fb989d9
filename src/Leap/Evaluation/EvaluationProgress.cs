namespace Kinship.Leap.Evaluation;

/// <summary>One problem finished (or was found finished by a previous run): <paramref name="Done"/> of <paramref name="Total"/>.</summary>
public sealed record EvaluationProgress(int Done, int Total, ProblemResult Result, bool Resumed);
