namespace Kinship.Leap.Engine;

/// <summary>One reasoning path as the scheduler sees it: an immutable snapshot mirroring its sequence's text.</summary>
/// <param name="Index">Path index within the problem (0-based).</param>
/// <param name="Phase">Lifecycle state.</param>
/// <param name="Text">Everything after the prompt: generated and appended text (mirrors the backend sequence).</param>
/// <param name="SegmentStart">Where the current segment's generated text starts in <paramref name="Text"/>.</param>
/// <param name="GenerationStart">Where the text of the request in flight starts in <paramref name="Text"/>.</param>
/// <param name="SelfTriggered">The path wrote <c>&lt;summarize&gt;</c> itself this segment (LeaP-T).</param>
/// <param name="Summary">The summary it shares in the current round, once written.</param>
/// <param name="Rounds">Peer-comment rounds it has received.</param>
/// <param name="TokensDecoded">Tokens sampled on this path.</param>
/// <param name="TokensPrefilled">Tokens prefilled for this path (the shared prompt not included).</param>
public sealed record PathState(
    int Index,
    PathPhase Phase,
    string Text,
    int SegmentStart,
    int GenerationStart,
    bool SelfTriggered,
    string? Summary,
    int Rounds,
    long TokensDecoded,
    long TokensPrefilled)
{
    /// <summary>A fresh path about to start its first segment.</summary>
    public static PathState Start(int index) => new(index, PathPhase.Thinking, "", 0, 0, false, null, 0, 0, 0);

    /// <summary>True once the path is in a final state.</summary>
    public bool IsFinished => Phase.IsFinished();
}
