namespace Kinship.Lineage.Similarity;

/// <summary>A DNA source over texts held in memory, index-aligned with the graph's nodes (null for a model without one).</summary>
public sealed class InMemoryDnaSource(IReadOnlyList<string?> metadata, IReadOnlyList<string?> cards) : IDnaSource
{
    /// <inheritdoc/>
    public IEnumerable<NodeText> Read(DnaKind kind, CancellationToken cancellationToken)
    {
        var texts = kind == DnaKind.Card ? cards : metadata;
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new NodeText(i, texts[i]);
        }
    }
}
