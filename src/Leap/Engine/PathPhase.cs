namespace Kinship.Leap.Engine;

/// <summary>Where a reasoning path is in its life, in order; every state after <see cref="FinishedMarker"/> is final.</summary>
public enum PathPhase
{
    /// <summary>Reasoning: the next segment extends it.</summary>
    Thinking,
    /// <summary>Writing its summary for the current round.</summary>
    Summarizing,
    /// <summary>Summary written; waiting for its peers' comments.</summary>
    Listening,
    /// <summary>Out of segments; being made to state its answer.</summary>
    Answering,
    /// <summary>Marker: the states below are final. Never a path's state.</summary>
    FinishedMarker,
    /// <summary>Finished: the path closed its thinking (<c>&lt;/think&gt;</c>) by itself.</summary>
    ClosedThinking,
    /// <summary>Finished: the model emitted end-of-sequence.</summary>
    EndOfSequence,
    /// <summary>Finished: the path ran out of segments and was made to answer.</summary>
    ForcedAnswer,
}
