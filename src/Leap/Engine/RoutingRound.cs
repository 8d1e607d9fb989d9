using Kinship.Leap.Routing;

namespace Kinship.Leap.Engine;

/// <summary>The routing decisions of one round.</summary>
public sealed record RoutingRound(int Index, IReadOnlyList<RouteDecision> Routes);
