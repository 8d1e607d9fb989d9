namespace Kinship.Lineage.Similarity;

/// <summary>
/// Streams every model's raw text of a DNA kind (listing JSON, or card) by node index, in any order, once per call; the
/// analysis reads it twice. A source may hand out cards already reduced to their DNA (<see cref="DnaDocuments.CardDna"/>
/// is idempotent), which saves moving long cards around.
/// </summary>
public interface IDnaSource
{
    /// <summary>Every model's text of <paramref name="kind"/>.</summary>
    IEnumerable<NodeText> Read(DnaKind kind, CancellationToken cancellationToken);
}
