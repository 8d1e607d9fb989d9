namespace Kinship.Leap.Evaluation;

/// <summary>One problem's evaluation: every path's graded answer and tokens, the two votes, wall time and the trace file (one line of <c>results.jsonl</c>).</summary>
public sealed record ProblemResult
{
    public required string Id { get; init; }
    /// <summary>The reference answer.</summary>
    public required string Reference { get; init; }
    public required IReadOnlyList<PathResult> Paths { get; init; }
    /// <summary>Majority vote (Cons@N) over the extracted answers.</summary>
    public required VoteResult Vote { get; init; }
    public required bool VoteCorrect { get; init; }
    /// <summary>Shortest-majority vote (see <see cref="EvaluationMetrics.ShortestMajority"/>).</summary>
    public required VoteResult ShortestVote { get; init; }
    public required bool ShortestVoteCorrect { get; init; }
    /// <summary>Tokens of the shared prompt (prefilled once per problem).</summary>
    public long PromptTokens { get; init; }
    public double Seconds { get; init; }
    /// <summary>The trace file of this problem, relative to the run folder.</summary>
    public string? Trace { get; init; }

    /// <summary>Paths whose answer is correct.</summary>
    public int CorrectPaths => Paths.Count(p => p.Correct);

    /// <summary>Mean correctness over the paths (this problem's Pass@1).</summary>
    public double PassAt1 => Paths.Count == 0 ? 0 : (double)CorrectPaths / Paths.Count;

    /// <summary>The problem's difficulty bucket.</summary>
    public DifficultyBucket Bucket => EvaluationMetrics.Bucket(CorrectPaths, Paths.Count);
}
