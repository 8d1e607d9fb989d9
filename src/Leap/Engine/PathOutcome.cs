namespace Kinship.Leap.Engine;

/// <summary>One path's result: its full text after the prompt, its answer, how it ended, and its token counts.</summary>
public sealed record PathOutcome(int Index, string Text, string? Answer, PathPhase State, int Rounds, long TokensDecoded, long TokensPrefilled)
{
    /// <summary>True when the path ended its reasoning by itself (not forced to answer).</summary>
    public bool Finished => State is PathPhase.ClosedThinking or PathPhase.EndOfSequence;
}
