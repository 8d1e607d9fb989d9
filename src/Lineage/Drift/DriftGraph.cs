using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>The ordered drift graph to draw: traits in order (upstream first) and their oriented edges, heaviest first.</summary>
public sealed record DriftGraph(
    [property: JsonPropertyName("nodes")] IReadOnlyList<DriftGraphNode> Nodes,
    [property: JsonPropertyName("edges")] IReadOnlyList<DriftGraphEdge> Edges);
