namespace Kinship.Leap.Routing;

/// <summary>Which peers' summaries path <paramref name="Path"/> receives, in delivery order, with each one's similarity to its own summary.</summary>
public sealed record RouteDecision(int Path, IReadOnlyList<int> Peers, IReadOnlyList<double> Similarities);
