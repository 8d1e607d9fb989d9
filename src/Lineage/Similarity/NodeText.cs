namespace Kinship.Lineage.Similarity;

/// <summary>A model's raw text of one DNA kind, by dense node index; <see cref="Text"/> is null when the model has none.</summary>
public readonly record struct NodeText(int Node, string? Text);
