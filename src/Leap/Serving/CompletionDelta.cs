using Kinship.Leap.Backends;

namespace Kinship.Leap.Serving;

/// <summary>A streamed piece of one choice: new text, and on its last piece why it ended.</summary>
/// <param name="Index">The choice.</param>
/// <param name="Text">Text since the previous piece of this choice (never part of a stop string that will be dropped).</param>
/// <param name="Reason">Set on the choice's last piece.</param>
/// <param name="MatchedStop">The stop string that ended the choice, on its last piece.</param>
/// <param name="Tokens">Tokens the choice generated, on its last piece (0 before).</param>
/// <param name="PromptTokens">Tokens of the request's prompt, on its last piece (0 before).</param>
public readonly record struct CompletionDelta(int Index, string Text, FinishReason? Reason, string? MatchedStop, int Tokens = 0, int PromptTokens = 0);
