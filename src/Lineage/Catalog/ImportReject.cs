namespace Kinship.Lineage.Catalog;

/// <summary>A rejected line of a source, written as <c>file:line: reason</c>.</summary>
public sealed record ImportReject(string Source, long Line, string Reason)
{
    /// <summary>The reject as one report line.</summary>
    public override string ToString() => $"{Source}:{Line}: {Reason}";
}
