namespace Kinship.Lineage.Hub;

/// <summary>One item a reader yields: a record read from <see cref="Line"/>, or the reason that line was rejected.</summary>
/// <param name="Line">1-based line of the source where the record starts (the row index for Parquet).</param>
/// <param name="Record">The record, or null when rejected.</param>
/// <param name="Reject">Why the line was rejected, or null when a record was read.</param>
public readonly record struct SourceItem(long Line, ModelRecord? Record, string? Reject)
{
    /// <summary>A record read from a line, or the line's reject when the record fails <see cref="RecordChecks"/>.</summary>
    public static SourceItem Read(long line, ModelRecord record) =>
        RecordChecks.Problem(record) is { } problem ? Rejected(line, problem) : new(line, record, null);

    /// <summary>A rejected line.</summary>
    public static SourceItem Rejected(long line, string reason) => new(line, null, reason);
}
