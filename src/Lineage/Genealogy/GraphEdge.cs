using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>A parent→child edge between two dense node indices.</summary>
public readonly record struct GraphEdge(int Parent, int Child, Relation Relation);
