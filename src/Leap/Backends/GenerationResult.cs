namespace Kinship.Leap.Backends;

/// <summary>What one request produced: the new text (stop string included), why it ended, and its token counts.</summary>
/// <param name="Text">Text decoded by this request; when <see cref="Reason"/> is <see cref="FinishReason.Stop"/> it ends with (or, across a token, contains at its end) the matched stop string. A stop string may begin in the sequence's earlier text (a previous call cut it) but always ends in this text.</param>
/// <param name="Reason">Why generation ended.</param>
/// <param name="MatchedStop">The stop string that ended it, when <see cref="Reason"/> is <see cref="FinishReason.Stop"/>.</param>
/// <param name="TokensDecoded">Tokens sampled by this request.</param>
/// <param name="TokensPrefilled">Tokens evaluated before decoding (text appended since the last request).</param>
public sealed record GenerationResult(string Text, FinishReason Reason, string? MatchedStop, int TokensDecoded, int TokensPrefilled);
