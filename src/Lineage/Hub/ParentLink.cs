namespace Kinship.Lineage.Hub;

/// <summary>One declared parent of a model: the parent's id, the relation, and where it was declared.</summary>
/// <param name="Parent">The parent's Hub id (it may be absent from the catalog: a dangling reference).</param>
/// <param name="Relation">The typed relation, or <see cref="Relation.Unknown"/> for the untyped tag.</param>
/// <param name="Source">Where the declaration was found.</param>
public sealed record ParentLink(string Parent, Relation Relation, ParentSource Source);
