using Kinship.Lineage.Cli.Genealogy;

namespace Kinship.Lineage.Cli.Compliance;

/// <summary>Settings of <c>lineage audit MODEL</c>: the model, the catalog, the graph variant and <c>--json</c>.</summary>
public sealed class AuditSettings : ModelSettings
{
}
