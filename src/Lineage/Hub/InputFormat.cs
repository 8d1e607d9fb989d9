namespace Kinship.Lineage.Hub;

/// <summary>The input formats the readers understand.</summary>
public enum InputFormat
{
    /// <summary>Hub API listing items: a JSON array (one <c>/api/models</c> page) or JSON Lines.</summary>
    Listing,
    /// <summary>Family-crawl CSV: a <c>model_id</c> column and a <c>metadata</c> column holding a model-info JSON record.</summary>
    ModelInfoCsv,
    /// <summary><c>{"models":[{"model_id","metadata",...}]}</c> with model-info records.</summary>
    ModelInfoJson,
    /// <summary>The study's released table (<c>ai_ecosystem.csv</c>, <c>ai_ecosystem_withmodelcards.csv</c>).</summary>
    StudyCsv,
    /// <summary>Hub-stats <c>models.parquet</c>.</summary>
    HubStatsParquet,
    /// <summary>Weekly lineage CSV: <c>Model ID</c>, <c>Type</c>, <c>Base Model</c>.</summary>
    WeeklyCsv,
}
