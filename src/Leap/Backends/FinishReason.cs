namespace Kinship.Leap.Backends;

/// <summary>Why one generation call on a sequence ended.</summary>
public enum FinishReason
{
    /// <summary>The token limit of the request was reached.</summary>
    Length,
    /// <summary>A stop string was decoded; it is kept in the text.</summary>
    Stop,
    /// <summary>The model emitted its end-of-sequence token.</summary>
    EndOfSequence,
}
