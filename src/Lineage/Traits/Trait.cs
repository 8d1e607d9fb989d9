namespace Kinship.Lineage.Traits;

/// <summary>The four inheritable traits the study follows down family trees (notes §4.1).</summary>
public enum Trait : byte
{
    /// <summary>Declared licenses (<c>license:</c> tags).</summary>
    License = 0,
    /// <summary>Declared ISO 639-1 languages, by English name.</summary>
    Language = 1,
    /// <summary>The Hub's <c>pipeline_tag</c>.</summary>
    Task = 2,
    /// <summary>The Hub's <c>library_name</c>.</summary>
    Library = 3,
}
