namespace Kinship.Leap.Engine;

/// <summary>Queries over <see cref="PathPhase"/>.</summary>
public static class PathPhaseExtensions
{
    /// <summary>True for the final states (after <see cref="PathPhase.FinishedMarker"/>).</summary>
    public static bool IsFinished(this PathPhase phase) => phase > PathPhase.FinishedMarker;

    /// <summary>The phase as it appears in traces and JSON (kebab-case).</summary>
    public static string Name(this PathPhase phase) => phase switch
    {
        PathPhase.Thinking => "thinking",
        PathPhase.Summarizing => "summarizing",
        PathPhase.Listening => "listening",
        PathPhase.Answering => "answering",
        PathPhase.ClosedThinking => "closed-thinking",
        PathPhase.EndOfSequence => "end-of-sequence",
        PathPhase.ForcedAnswer => "forced-answer",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };
}
