namespace Kinship.Lineage.Genealogy;

/// <summary>A family named by its root, with its size and its deepest generation.</summary>
public sealed record FamilySummary(string Root, int Size, int MaxDepth);
