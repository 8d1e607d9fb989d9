namespace Kinship.Leap.Engine;

/// <summary>
/// One path's summary in a round: the dangling paragraph dropped, the request appended (trigger and opening; empty when the
/// path wrote <c>&lt;summarize&gt;</c> itself), what the model generated, what normalization appended, and the summary it shares.
/// </summary>
public sealed record SummaryEvent(
    int Round, int Path, bool SelfTriggered, string Dropped, string Request, string Generated, string Normalization,
    string Summary, bool Capped, int TokensDecoded, int TokensPrefilled) : TraceEvent;
