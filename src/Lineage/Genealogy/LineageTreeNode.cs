using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>One line of a family tree view.</summary>
/// <param name="Id">The model id (for an external node, the declared id of an absent parent).</param>
/// <param name="Relation">Relation of the edge linking this node to the line above it; null on the tree's own model.</param>
/// <param name="External">True for a placeholder of a declared parent that is not a model.</param>
/// <param name="Repeated">True when the model was already expanded elsewhere in this tree (a merge or a cycle): shown, not expanded again.</param>
/// <param name="HiddenBelow">Lines not shown because the depth limit cut them (direct neighbours of this node).</param>
/// <param name="Children">The lines below: parents in an ancestor tree, children in a descendant tree, ascending by id.</param>
public sealed record LineageTreeNode(string Id, Relation? Relation, bool External, bool Repeated, int HiddenBelow, IReadOnlyList<LineageTreeNode> Children);
