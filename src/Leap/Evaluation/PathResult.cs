namespace Kinship.Leap.Evaluation;

/// <summary>One path's graded result and its token counts (decoded, prefilled, and received from peers inside comment blocks).</summary>
public sealed record PathResult(string? Answer, bool Correct, bool Finished, long TokensDecoded, long TokensPrefilled, long TokensReceived);
