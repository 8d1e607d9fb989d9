namespace Kinship.Lineage.Reporting;

/// <summary>One value of a trait with how many models carry it and its share of the trait's denominator.</summary>
public sealed record ShareRow(string Value, long Count, double Share);
