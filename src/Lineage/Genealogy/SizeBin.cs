namespace Kinship.Lineage.Genealogy;

/// <summary>A logarithmic histogram bin: families whose size lies in [Min, Max].</summary>
public sealed record SizeBin(int Min, int Max, int Families);
