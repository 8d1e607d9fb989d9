using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>
/// An oriented edge of the drift graph between two ordered traits, pointing the way most transitions go: net traffic,
/// raw transitions both ways, and whether it agrees with the ordering (goes downstream).
/// </summary>
/// <param name="From">The trait most transitions leave.</param>
/// <param name="To">The trait most transitions reach.</param>
/// <param name="Traffic">Net traffic |n(from→to) − n(to→from)|.</param>
/// <param name="Transitions">Raw transitions from → to.</param>
/// <param name="ReverseTransitions">Raw transitions to → from.</param>
/// <param name="Forward">Whether <paramref name="From"/> comes before <paramref name="To"/> in the ordering.</param>
public sealed record DriftGraphEdge(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("traffic")] long Traffic,
    [property: JsonPropertyName("transitions")] long Transitions,
    [property: JsonPropertyName("reverseTransitions")] long ReverseTransitions,
    [property: JsonPropertyName("forward")] bool Forward);
