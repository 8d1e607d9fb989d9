namespace Kinship.Lineage.Genealogy;

/// <summary>How a family grew: its cumulative size by month of creation; models with no creation time are counted apart.</summary>
public sealed record FamilyGrowth(string Root, IReadOnlyList<MonthCount> Months, int Undated);
