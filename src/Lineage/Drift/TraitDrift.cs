using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>
/// Directional drift of one trait (the <c>results.json</c> <c>drift.{trait}</c> object): the ordering of the top traits that
/// agrees with the most net traffic, and how much of the drift it explains (study §4.2 step 5).
/// </summary>
/// <param name="Ordering">The top traits, upstream first.</param>
/// <param name="OrientedCompatible">Oriented edges among them that go forward in the ordering.</param>
/// <param name="OrientedTotal">Oriented edges among them (pairs with non-zero net traffic).</param>
/// <param name="TransitionsForward">Raw transitions between ordered traits that go forward.</param>
/// <param name="TransitionsTotal">Raw transitions between ordered traits, both directions.</param>
/// <param name="TrafficForward">Net traffic of the forward oriented edges (the ordering's objective value).</param>
/// <param name="TrafficTotal">Net traffic of all oriented edges among the ordered traits.</param>
/// <param name="Graph">The ordered drift graph, for drawing.</param>
public sealed record TraitDrift(
    [property: JsonPropertyName("ordering")] IReadOnlyList<string> Ordering,
    [property: JsonPropertyName("orientedCompatible")] int OrientedCompatible,
    [property: JsonPropertyName("orientedTotal")] int OrientedTotal,
    [property: JsonPropertyName("transitionsForward")] long TransitionsForward,
    [property: JsonPropertyName("transitionsTotal")] long TransitionsTotal,
    [property: JsonPropertyName("trafficForward")] long TrafficForward,
    [property: JsonPropertyName("trafficTotal")] long TrafficTotal,
    [property: JsonPropertyName("graph")] DriftGraph Graph);
