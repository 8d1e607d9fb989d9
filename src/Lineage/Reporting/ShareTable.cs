namespace Kinship.Lineage.Reporting;

/// <summary>The most common values of one trait; <see cref="Denominator"/> is what the shares are of (e.g. models with a task).</summary>
public sealed record ShareTable(string Trait, string DenominatorLabel, long Denominator, IReadOnlyList<ShareRow> Top);
