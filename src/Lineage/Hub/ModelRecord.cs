namespace Kinship.Lineage.Hub;

/// <summary>The canonical model record every reader produces and the catalog stores (one row of <c>models</c>).</summary>
public sealed record ModelRecord
{
    /// <summary>The Hub id, <c>owner/name</c> (or a bare name for legacy models).</summary>
    public required string Id { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? LastModified { get; init; }
    public long? Downloads { get; init; }
    public long? Likes { get; init; }
    public double? TrendingScore { get; init; }
    /// <summary>The Hub's <c>pipeline_tag</c>.</summary>
    public string? Task { get; init; }
    /// <summary>The Hub's <c>library_name</c>.</summary>
    public string? Library { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>License ids from <c>license:</c> tags (and card metadata when no tag names one).</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];
    /// <summary>Two-letter ISO-639-1 language codes, as the study counted them.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>Other language declarations: three-letter codes, <c>multilingual</c>, ...</summary>
    public IReadOnlyList<string> OtherLanguages { get; init; } = [];
    public IReadOnlyList<string> Datasets { get; init; } = [];
    public IReadOnlyList<string> ArxivIds { get; init; } = [];
    public bool? Gated { get; init; }
    public bool? Private { get; init; }
    /// <summary>Declared parents, one per distinct parent id (typed relation preferred over <c>unknown</c>).</summary>
    public IReadOnlyList<ParentLink> Parents { get; init; } = [];
    /// <summary>Parent ids declared by the tags but not the card, or by the card but not the tags (empty when they agree or one side is silent).</summary>
    public IReadOnlyList<string> ParentDisagreements { get; init; } = [];
    /// <summary>The model card (README.md, front matter included), when known.</summary>
    public string? Card { get; init; }
    /// <summary>The raw JSON of the source record: the study's "metadata DNA".</summary>
    public string? RawJson { get; init; }
}
