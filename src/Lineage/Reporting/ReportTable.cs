namespace Kinship.Lineage.Reporting;

/// <summary>A table of formatted cells, rendered the same way in Markdown and HTML.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
