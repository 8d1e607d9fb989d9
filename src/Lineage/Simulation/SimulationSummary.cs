namespace Kinship.Lineage.Simulation;

/// <summary>What a simulation produced, counted while it was written.</summary>
/// <param name="Models">Models written.</param>
/// <param name="ModelsWithParent">Models declaring at least one parent.</param>
/// <param name="Edges">Parent→child edges per relation name (<c>adapter</c>, <c>finetune</c>, <c>quantized</c>, <c>merge</c>).</param>
/// <param name="MergeModels">Models with two to five parents.</param>
/// <param name="MaxDepth">The deepest generation (longest path from a parentless model).</param>
/// <param name="LargestFamilies">The ten largest weakly connected families: their earliest model and size.</param>
/// <param name="TopParents">The ten models with most direct children.</param>
/// <param name="Bytes">Bytes written.</param>
public sealed record SimulationSummary(
    long Models,
    long ModelsWithParent,
    IReadOnlyDictionary<string, long> Edges,
    long MergeModels,
    int MaxDepth,
    IReadOnlyList<(string Root, int Size)> LargestFamilies,
    IReadOnlyList<(string Id, int Children)> TopParents,
    long Bytes);
