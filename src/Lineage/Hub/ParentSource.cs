namespace Kinship.Lineage.Hub;

/// <summary>Where a declared parent came from; a parent found in several places carries every flag.</summary>
[Flags]
public enum ParentSource : byte
{
    None = 0,
    /// <summary>A <c>base_model:</c> tag.</summary>
    Tags = 1,
    /// <summary><c>cardData.base_model</c> (model-card front matter).</summary>
    Card = 2,
    /// <summary>A lineage column of a table (study CSV, weekly CSV, Hub-stats <c>baseModels</c>).</summary>
    Table = 4,
}
