namespace Kinship.Leap.Evaluation;

/// <summary>A vote's winner: the answer (as first written), the index of the first path that gave it, and its votes; Answer null when no path answered.</summary>
public sealed record VoteResult(string? Answer, int PathIndex, int Votes)
{
    /// <summary>No answer to vote on.</summary>
    public static VoteResult None { get; } = new(null, -1, 0);
}
