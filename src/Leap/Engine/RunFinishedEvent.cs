namespace Kinship.Leap.Engine;

/// <summary>The run's outcome: majority vote, token totals, and (unless left out for reproducible output) wall time and throughput.</summary>
public sealed record RunFinishedEvent(string? Vote, long TokensDecoded, long TokensPrefilled, double? Seconds, double? TokensPerSecond) : TraceEvent;
