namespace Kinship.Lineage.Reporting;

/// <summary>The traits of one model the headline table counts: licenses, task (pipeline tag), languages and library.</summary>
public sealed record ModelTraits(IReadOnlyList<string> Licenses, string? Task, IReadOnlyList<string> Languages, string? Library);
