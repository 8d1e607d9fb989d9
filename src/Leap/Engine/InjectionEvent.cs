namespace Kinship.Leap.Engine;

/// <summary>The peer-comment block appended to one path in a round.</summary>
public sealed record InjectionEvent(int Round, int Path, IReadOnlyList<int> Peers, string Text) : TraceEvent;
