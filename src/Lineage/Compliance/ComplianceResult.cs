using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>License compliance of a graph (the <c>results.json</c> <c>compliance</c> object).</summary>
/// <param name="Overall">Counts over every checked edge.</param>
/// <param name="ByRelation">Counts per relation name, for relations with a checked edge.</param>
/// <param name="ByLicensePair">Counts per (parent licenses, child licenses) pair, most findings first.</param>
/// <param name="FindingsTotal">Number of findings (may exceed <see cref="Findings"/> when capped).</param>
/// <param name="Findings">The findings, high severity first, up to the cap.</param>
public sealed record ComplianceResult(
    [property: JsonPropertyName("overall")] ComplianceCount Overall,
    [property: JsonPropertyName("byRelation")] IReadOnlyDictionary<string, ComplianceCount> ByRelation,
    [property: JsonPropertyName("byLicensePair")] IReadOnlyList<LicensePairCompliance> ByLicensePair,
    [property: JsonPropertyName("findingsTotal")] long FindingsTotal,
    [property: JsonPropertyName("findings")] IReadOnlyList<ComplianceFinding> Findings);
