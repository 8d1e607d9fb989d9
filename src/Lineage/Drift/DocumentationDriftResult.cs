using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>Documentation drift overall and per relation name (the <c>results.json</c> <c>documentation</c> object).</summary>
public sealed record DocumentationDriftResult(
    [property: JsonPropertyName("overall")] DocumentationMeasures Overall,
    [property: JsonPropertyName("byRelation")] IReadOnlyDictionary<string, DocumentationMeasures> ByRelation);
