namespace Kinship.Lineage.Hub;

/// <summary>What a model's Hub tags declare: licenses, languages, datasets, papers and parents.</summary>
/// <param name="Licenses">Values of <c>license:</c> tags, in tag order, distinct.</param>
/// <param name="Languages">Tags that are ISO-639-1 two-letter codes, lower-cased, distinct.</param>
/// <param name="OtherLanguages">Other language declarations: ISO-639-2 three-letter codes and <c>multilingual</c>.</param>
/// <param name="Datasets">Values of <c>dataset:</c> tags.</param>
/// <param name="ArxivIds">Values of <c>arxiv:</c> tags.</param>
/// <param name="Parents">One link per distinct parent named by <c>base_model:</c> tags, source <see cref="ParentSource.Tags"/>.</param>
public sealed record TagFacts(
    IReadOnlyList<string> Licenses,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> OtherLanguages,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> ArxivIds,
    IReadOnlyList<ParentLink> Parents);
