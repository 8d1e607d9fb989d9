namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>What <see cref="FaultInjectingProxy"/> does with one request.</summary>
internal enum InjectedFault
{
    /// <summary>Forward it and stream the reply back untouched.</summary>
    None,

    /// <summary>Answer 429 Too Many Requests with <c>Retry-After: 1</c>, without forwarding.</summary>
    TooManyRequests,

    /// <summary>Answer 503 Service Unavailable, without forwarding.</summary>
    Unavailable,

    /// <summary>Forward it, pass the reply's first server-sent event through, then cut the connection.</summary>
    CutStream,
}
