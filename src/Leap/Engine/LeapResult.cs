namespace Kinship.Leap.Engine;

/// <summary>The outcome of solving one problem the LeaP way.</summary>
/// <param name="Paths">Every path, by index.</param>
/// <param name="Rounds">Every routing round.</param>
/// <param name="Vote">The majority answer (Cons@N), or null.</param>
/// <param name="PromptTokens">Tokens of the shared prompt (prefilled once).</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record LeapResult(IReadOnlyList<PathOutcome> Paths, IReadOnlyList<RoutingRound> Rounds, string? Vote, int PromptTokens, double Seconds)
{
    /// <summary>Tokens decoded by all paths.</summary>
    public long TokensDecoded => Paths.Sum(p => p.TokensDecoded);

    /// <summary>Tokens prefilled by all paths, the shared prompt included once.</summary>
    public long TokensPrefilled => PromptTokens + Paths.Sum(p => p.TokensPrefilled);

    /// <summary>Decoded tokens per second of wall time.</summary>
    public double TokensPerSecond => Seconds > 0 ? TokensDecoded / Seconds : 0;
}
