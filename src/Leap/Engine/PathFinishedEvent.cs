namespace Kinship.Leap.Engine;

/// <summary>A path reached a final state (<c>closed-thinking</c>, <c>end-of-sequence</c> or <c>forced-answer</c>).</summary>
public sealed record PathFinishedEvent(int Path, string State, int Segment) : TraceEvent;
