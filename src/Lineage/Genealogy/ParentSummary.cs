namespace Kinship.Lineage.Genealogy;

/// <summary>A model and its number of direct children (k(x) in the study).</summary>
public sealed record ParentSummary(string Id, int Children);
