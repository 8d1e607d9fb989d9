using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>Edge counts by relation.</summary>
public sealed record EdgeCounts(int Finetune, int Adapter, int Quantized, int Merge, int Unknown)
{
    /// <summary>All edges.</summary>
    public int Total => Finetune + Adapter + Quantized + Merge + Unknown;

    /// <summary>The count of one relation.</summary>
    public int Of(Relation relation) => relation switch
    {
        Relation.Finetune => Finetune,
        Relation.Adapter => Adapter,
        Relation.Quantized => Quantized,
        Relation.Merge => Merge,
        _ => Unknown,
    };
}
