namespace Kinship.Leap.Engine;

/// <summary>One path's reasoning segment: the text it decoded, why it stopped, and the tokens it cost.</summary>
public sealed record SegmentEvent(int Segment, int Path, string Text, string Reason, string? Stop, int TokensDecoded, int TokensPrefilled) : TraceEvent;
