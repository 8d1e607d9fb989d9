using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>The license-inheritance rules an edge is checked against (beyond the study, which showed only drift direction).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComplianceRule>))]
public enum ComplianceRule : byte
{
    /// <summary>A child of a commercial-restricted license (Llama, Gemma, ...) keeps it, or declares <c>other</c> and its card names it.</summary>
    [JsonStringEnumMemberName("commercial-terms")]
    CommercialTerms = 0,
    /// <summary>A child of a non-commercial or use-restricted license does not become freely usable (permissive, attribution or copyleft only).</summary>
    [JsonStringEnumMemberName("use-restriction")]
    UseRestriction = 1,
    /// <summary>A child of a copyleft license declares the same license.</summary>
    [JsonStringEnumMemberName("copyleft")]
    Copyleft = 2,
    /// <summary>An adapter or quantization declares exactly its parent's licenses (an <c>other</c> whose card names a parent license stands for it): it inherits every term.</summary>
    [JsonStringEnumMemberName("derivative-inherits")]
    DerivativeInherits = 3,
    /// <summary>A child declares no license although its parent's terms travel with it (restricted parent, or an adapter or quantization).</summary>
    [JsonStringEnumMemberName("license-missing")]
    LicenseMissing = 4,
}
