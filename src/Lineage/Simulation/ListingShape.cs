namespace Kinship.Lineage.Simulation;

/// <summary>Which Hub API item shape the simulator writes.</summary>
public enum ListingShape
{
    /// <summary>The plain <c>/api/models</c> listing item (id, tags, counts, dates): a few hundred bytes.</summary>
    Listing = 0,

    /// <summary>
    /// The item as requested with <c>expand[]=siblings,cardData,config</c>: the listing fields plus the file list, card
    /// metadata and model config, sized so the raw JSON length follows the real model-info records (median ≈ 5.3 KB).
    /// </summary>
    Full = 1,
}
