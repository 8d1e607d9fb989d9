namespace Kinship.Lineage.Drift;

/// <summary>An optimal linear ordering: item indices first to last, and the total weight of pairs it places forward.</summary>
/// <param name="Order">Item indices, upstream first.</param>
/// <param name="Value">Σ over i before j of weight(Order[i], Order[j]).</param>
public sealed record OrderingSolution(IReadOnlyList<int> Order, long Value);
