namespace Kinship.Lineage.Genealogy;

/// <summary>A loaded genealogy and what the loader had to leave out of it (each count names a catalog defect).</summary>
/// <param name="Snapshot">The <c>all</c>-variant snapshot.</param>
/// <param name="DuplicateModelRows">Rows of <c>models</c> repeating an id already read (the first row is kept).</param>
/// <param name="UnknownChildRows">Rows of <c>parents</c> whose child is not a model (ignored: no model declares them).</param>
/// <param name="UnrecognisedRelationRows">Rows of <c>parents</c> whose relation is not a Hub relation name (read as <c>unknown</c>).</param>
public sealed record GenealogyLoad(GenealogySnapshot Snapshot, int DuplicateModelRows, int UnknownChildRows, int UnrecognisedRelationRows)
{
    /// <summary>Which declared parents were kept as edges.</summary>
    public ParentSelection Parents { get; init; } = ParentSelection.Union;

    /// <summary>
    /// Edges (parent present, not the child) declared only by <c>cardData.base_model</c>: kept under
    /// <see cref="ParentSelection.Union"/>, left out under <see cref="ParentSelection.Tags"/> (the difference between the two graphs).
    /// </summary>
    public int CardOnlyEdges { get; init; }
}
