using Kinship.Leap.Backends;

namespace Kinship.Leap.Serving;

/// <summary>One finished choice of a completion.</summary>
/// <param name="Index">Position of the choice in the request (0 … n − 1).</param>
/// <param name="Text">Generated text, cut at the stop string (kept or dropped as the job asked).</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="MatchedStop">The stop string that ended it, if any.</param>
/// <param name="Tokens">Tokens generated for this choice.</param>
public sealed record CompletionChoice(int Index, string Text, FinishReason Reason, string? MatchedStop, int Tokens);
