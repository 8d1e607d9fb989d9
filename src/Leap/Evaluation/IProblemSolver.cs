using Kinship.Leap.Engine;

namespace Kinship.Leap.Evaluation;

/// <summary>Solves and grades one benchmark item (the engine in production; anything deterministic in tests).</summary>
public interface IProblemSolver
{
    /// <summary>Solves <paramref name="item"/>; <paramref name="observer"/> receives the trace, <paramref name="trace"/> is its file name to record.</summary>
    Task<ProblemResult> SolveAsync(BenchmarkItem item, ILeapObserver? observer, string? trace, CancellationToken cancellationToken);
}
