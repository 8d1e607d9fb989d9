namespace Kinship.Leap.Engine;

/// <summary>Forwards a run's events and tokens to several observers, in order.</summary>
public sealed class CompositeObserver(params IReadOnlyList<ILeapObserver> observers) : ILeapObserver
{
    /// <inheritdoc/>
    public void OnEvent(TraceEvent traceEvent)
    {
        foreach (var o in observers)
        {
            o.OnEvent(traceEvent);
        }
    }

    /// <inheritdoc/>
    public void OnTokens(int path, string delta, int tokensDecoded)
    {
        foreach (var o in observers)
        {
            o.OnTokens(path, delta, tokensDecoded);
        }
    }
}
