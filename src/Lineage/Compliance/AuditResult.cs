using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>The license audit of one model's whole ancestry.</summary>
/// <param name="Model">The audited model's id.</param>
/// <param name="Ancestry">The model and every ancestor, nearest first.</param>
/// <param name="EdgesChecked">Edges of the ancestry whose parent declares a license.</param>
/// <param name="Findings">Every finding on an edge of the ancestry, high severity first.</param>
public sealed record AuditResult(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("ancestry")] IReadOnlyList<AuditedModel> Ancestry,
    [property: JsonPropertyName("edgesChecked")] long EdgesChecked,
    [property: JsonPropertyName("findings")] IReadOnlyList<ComplianceFinding> Findings);
