namespace Kinship.Lineage.Genealogy;

/// <summary>Which declared parents become edges, by where they were declared (the <c>parents.source</c> column).</summary>
public enum ParentSelection
{
    /// <summary>Every declaration: <c>base_model:</c> tags, <c>cardData.base_model</c> and table columns (the default).</summary>
    Union = 0,

    /// <summary>
    /// The study's definition (§1.2, §2.1): parents named by tags only. A pair declared only by <c>cardData.base_model</c>
    /// is left out; table columns (the study's CSV, the weekly files) are parsed from tags and stay.
    /// </summary>
    Tags = 1,
}
