using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>A declared parent that is not a model of the catalog (deleted, private, renamed or outside the snapshot).</summary>
/// <param name="Child">Dense index of the declaring model.</param>
/// <param name="MissingParent">The declared parent id, as written.</param>
/// <param name="Relation">The declared relation.</param>
public readonly record struct DanglingReference(int Child, string MissingParent, Relation Relation);
