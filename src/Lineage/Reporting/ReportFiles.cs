namespace Kinship.Lineage.Reporting;

/// <summary>The files a report run wrote.</summary>
public sealed record ReportFiles(string Json, string Markdown, string Html, IReadOnlyList<string> Charts);
