namespace Kinship.Leap.Evaluation;

/// <summary>Totals of an evaluation run (written as <c>summary.json</c>).</summary>
/// <param name="Problems">Problems evaluated.</param>
/// <param name="Paths">Paths per problem N (the largest seen).</param>
/// <param name="PassAt1">Mean over problems of the mean path correctness.</param>
/// <param name="ConsAtN">Share of problems whose majority answer is correct.</param>
/// <param name="ShortestMajorityAtN">Share of problems whose shortest-majority answer is correct.</param>
/// <param name="Unanswered">Share of paths with no extractable answer.</param>
/// <param name="Buckets">Problems per difficulty bucket.</param>
/// <param name="TokensDecoded">Tokens decoded over all problems.</param>
/// <param name="TokensPrefilled">Tokens prefilled over all problems, shared prompts included once each.</param>
/// <param name="TokensReceived">Tokens received from peers in comment blocks (part of the prefilled tokens).</param>
/// <param name="Seconds">Wall time summed over problems.</param>
public sealed record EvaluationSummary(
    int Problems, int Paths, double PassAt1, double ConsAtN, double ShortestMajorityAtN, double Unanswered,
    IReadOnlyDictionary<DifficultyBucket, int> Buckets, long TokensDecoded, long TokensPrefilled, long TokensReceived, double Seconds)
{
    /// <summary>Decoded tokens per problem.</summary>
    public double TokensDecodedPerProblem => Problems == 0 ? 0 : (double)TokensDecoded / Problems;

    /// <summary>Decoded tokens per second of wall time.</summary>
    public double TokensPerSecond => Seconds > 0 ? TokensDecoded / Seconds : 0;
}
