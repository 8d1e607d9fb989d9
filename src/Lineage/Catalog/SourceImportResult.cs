using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>
/// What importing one source did. <see cref="Read"/> counts non-blank records; <see cref="Imported"/> the records that
/// landed; <see cref="Replaced"/> those that replaced an earlier record of the same model (from the catalog or from
/// earlier in the same source); <see cref="Rejected"/> the lines reported as rejects.
/// </summary>
public sealed record SourceImportResult(
    string Source,
    InputFormat Format,
    long Read,
    long Imported,
    long Replaced,
    long Rejected,
    DateTimeOffset Started,
    DateTimeOffset Finished);
