namespace Kinship.Leap.Engine;

/// <summary>One path's totals at the end of the run.</summary>
public sealed record PathTotalsEvent(int Path, string State, string? Answer, int Rounds, long TokensDecoded, long TokensPrefilled) : TraceEvent;
