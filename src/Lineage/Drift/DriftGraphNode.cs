using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>A trait in the ordered drift graph: its name, its place in the ordering (0 = most upstream), and how many models carry it.</summary>
public sealed record DriftGraphNode(
    [property: JsonPropertyName("trait")] string Trait,
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("models")] long Models);
