using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Traits;

/// <summary>The raw traits of one model as the catalog holds them (one row of <c>models</c>, trait columns only).</summary>
public sealed record TraitRecord
{
    /// <summary>License ids (<c>license:</c> tags, or card metadata).</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];
    /// <summary>ISO 639-1 codes; other strings are ignored.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>The Hub's <c>pipeline_tag</c>.</summary>
    public string? Task { get; init; }
    /// <summary>The Hub's <c>library_name</c>.</summary>
    public string? Library { get; init; }
    /// <summary>The model card (README.md with front matter), when known.</summary>
    public string? Card { get; init; }

    /// <summary>The trait fields of a canonical model record.</summary>
    public static TraitRecord From(ModelRecord model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new TraitRecord { Licenses = model.Licenses, Languages = model.Languages, Task = model.Task, Library = model.Library, Card = model.Card };
    }
}
