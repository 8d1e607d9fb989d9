namespace Kinship.Lineage.Reporting;

/// <summary>
/// One analysis (or trait of one) that the data cannot answer: its name, the report section it belongs to, the reason as a
/// sentence (e.g. "no model in the catalog declares a license") and the counts that show it. Reports print the sentence
/// in place of an empty table or a flat chart.
/// </summary>
public sealed record NotMeasured(string Analysis, string Section, string Reason, IReadOnlyDictionary<string, long> Counts);
