namespace Kinship.Lineage.Genealogy;

/// <summary>A cumulative count at the end of a calendar month (<c>yyyy-MM</c>, UTC).</summary>
public sealed record MonthCount(string Month, int Models);
