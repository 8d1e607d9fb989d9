namespace Kinship.Lineage.Genealogy;

/// <summary>The catalog facts a family tree shows on each line.</summary>
public sealed record ModelDetails(string Id, IReadOnlyList<string> Licenses, long? Downloads, DateTimeOffset? CreatedAt);
