using System.Text.Json.Serialization;

namespace Kinship.Lineage.Compliance;

/// <summary>A broken license rule on one parent→child edge.</summary>
/// <param name="Parent">The parent's id.</param>
/// <param name="Child">The child's id.</param>
/// <param name="Relation">The relation name (<c>finetune</c>, <c>adapter</c>, ...).</param>
/// <param name="ParentLicenses">Every license the parent declares.</param>
/// <param name="ChildLicenses">Every license the child declares.</param>
/// <param name="Rule">The rule broken.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="License">The parent license that brought the rule in (for <c>derivative-inherits</c>, the parent's set joined by <c>+</c>).</param>
public sealed record ComplianceFinding(
    [property: JsonPropertyName("parent")] string Parent,
    [property: JsonPropertyName("child")] string Child,
    [property: JsonPropertyName("relation")] string Relation,
    [property: JsonPropertyName("parentLicenses")] IReadOnlyList<string> ParentLicenses,
    [property: JsonPropertyName("childLicenses")] IReadOnlyList<string> ChildLicenses,
    [property: JsonPropertyName("rule")] ComplianceRule Rule,
    [property: JsonPropertyName("severity")] FindingSeverity Severity,
    [property: JsonPropertyName("license")] string License);
