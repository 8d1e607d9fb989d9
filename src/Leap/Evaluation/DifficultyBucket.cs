namespace Kinship.Leap.Evaluation;

/// <summary>
/// Per-problem difficulty by the share of correct paths, with the LeaP paper's cut points for 32 samples
/// (32 / 25–31 / 9–24 / 1–8 / 0 correct) scaled to any N.
/// </summary>
public enum DifficultyBucket
{
    /// <summary>Every path correct.</summary>
    Easy,
    /// <summary>At least 25/32 of the paths correct, not all.</summary>
    Moderate,
    /// <summary>At least 9/32 and fewer than 25/32 correct.</summary>
    Medium,
    /// <summary>At least one and fewer than 9/32 correct.</summary>
    Hard,
    /// <summary>No path correct.</summary>
    VeryHard,
}
