using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Drift;

/// <summary>One parent→child edge behind a trait transition and how many transitions it contributes (1, or 2 for a switch).</summary>
/// <param name="Parent">The parent's node index.</param>
/// <param name="Child">The child's node index.</param>
/// <param name="Relation">The edge's declared relation.</param>
/// <param name="Transitions">1 when the child only adds the target or only drops the source, 2 when it does both.</param>
public readonly record struct TransitionEdge(int Parent, int Child, Relation Relation, int Transitions);
