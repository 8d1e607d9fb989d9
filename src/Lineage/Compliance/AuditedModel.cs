using System.Text.Json.Serialization;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Compliance;

/// <summary>A model in an audited ancestry: its id, generations above the audited model (0 = itself), and its licenses.</summary>
public sealed record AuditedModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("generation")] int Generation,
    [property: JsonPropertyName("licenses")] IReadOnlyList<string> Licenses,
    [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories);
