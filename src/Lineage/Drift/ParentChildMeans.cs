using System.Text.Json.Serialization;

namespace Kinship.Lineage.Drift;

/// <summary>A measure averaged over parents and over children of the same edges.</summary>
/// <param name="Edges">Edges the means are taken over.</param>
/// <param name="Parent">Mean over the edges' parents; null when there are no edges.</param>
/// <param name="Child">Mean over the edges' children; null when there are no edges.</param>
public sealed record ParentChildMeans(
    [property: JsonPropertyName("edges")] long Edges,
    [property: JsonPropertyName("parent")] double? Parent,
    [property: JsonPropertyName("child")] double? Child)
{
    /// <summary>Means from sums over <paramref name="edges"/> edges.</summary>
    public static ParentChildMeans FromSums(long edges, double parentSum, double childSum) =>
        edges == 0 ? new ParentChildMeans(0, null, null) : new ParentChildMeans(edges, parentSum / edges, childSum / edges);
}
