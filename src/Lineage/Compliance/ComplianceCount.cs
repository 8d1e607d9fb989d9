using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>Compliance over a set of edges: edges checked (parent declares a license), edges with at least one finding, and findings per rule.</summary>
public sealed record ComplianceCount(
    [property: JsonPropertyName("edgesChecked")] long EdgesChecked,
    [property: JsonPropertyName("edgesWithFindings")] long EdgesWithFindings,
    [property: JsonPropertyName("byRule")] IReadOnlyDictionary<string, long> ByRule)
{
    /// <summary>Share of checked edges with a finding; null when none was checked.</summary>
    [JsonPropertyName("share")]
    [JsonPropertyOrder(-1)]
    public double? Share => EdgesChecked == 0 ? null : (double)EdgesWithFindings / EdgesChecked;
}
