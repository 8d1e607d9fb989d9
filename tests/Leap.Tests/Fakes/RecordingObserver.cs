using Kinship.Leap.Engine;

namespace Kinship.Leap.Tests.Fakes;

/// <summary>Keeps every trace event and token delta a run reports.</summary>
internal sealed class RecordingObserver : ILeapObserver
{
    public List<TraceEvent> Events { get; } = [];

    public List<(int Path, string Delta)> Tokens { get; } = [];

    public void OnEvent(TraceEvent traceEvent) => Events.Add(traceEvent);

    public void OnTokens(int path, string delta, int tokensDecoded) => Tokens.Add((path, delta));

    public IEnumerable<T> Of<T>() where T : TraceEvent => Events.OfType<T>();

    public string Jsonl => string.Join("\n", Events.Select(e => LeapJson.TraceLine(e, includeTimings: false)));
}
