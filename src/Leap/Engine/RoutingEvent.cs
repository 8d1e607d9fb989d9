using Kinship.Leap.Routing;

namespace Kinship.Leap.Engine;

/// <summary>The router's decisions in a round: who received whom, with similarity scores.</summary>
public sealed record RoutingEvent(int Round, IReadOnlyList<RouteDecision> Routes) : TraceEvent;
