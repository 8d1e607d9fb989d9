using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>Compliance of the edges between one parent license set and one child license set (sets joined by <c>+</c>, sorted; empty for none).</summary>
public sealed record LicensePairCompliance(
    [property: JsonPropertyName("parent")] string Parent,
    [property: JsonPropertyName("child")] string Child,
    [property: JsonPropertyName("edgesChecked")] long EdgesChecked,
    [property: JsonPropertyName("edgesWithFindings")] long EdgesWithFindings)
{
    /// <summary>Share of these edges with a finding.</summary>
    [JsonPropertyName("share")]
    public double Share => EdgesChecked == 0 ? 0 : (double)EdgesWithFindings / EdgesChecked;
}
