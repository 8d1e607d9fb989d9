using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>How serious a compliance finding is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity : byte
{
    [JsonStringEnumMemberName("low")]
    Low = 0,
    [JsonStringEnumMemberName("medium")]
    Medium = 1,
    [JsonStringEnumMemberName("high")]
    High = 2,
}
