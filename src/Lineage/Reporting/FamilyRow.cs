namespace Kinship.Lineage.Reporting;

/// <summary>One family (weakly connected component): its root model and size.</summary>
public sealed record FamilyRow(string Root, int Models);
