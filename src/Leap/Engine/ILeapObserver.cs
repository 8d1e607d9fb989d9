namespace Kinship.Leap.Engine;

/// <summary>Receives a run's trace events and streamed tokens as they happen (called on the engine's thread; keep it quick).</summary>
public interface ILeapObserver
{
    /// <summary>A trace event.</summary>
    void OnEvent(TraceEvent traceEvent);

    /// <summary>Path <paramref name="path"/> decoded <paramref name="delta"/>; <paramref name="tokensDecoded"/> counts the tokens of the current request.</summary>
    void OnTokens(int path, string delta, int tokensDecoded);
}
