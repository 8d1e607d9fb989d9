namespace Kinship.Leap.Routing;

/// <summary>An active path offering its summary to the router.</summary>
public sealed record RouteCandidate(int Path, string Summary);
