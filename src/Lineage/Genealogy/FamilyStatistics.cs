namespace Kinship.Lineage.Genealogy;

/// <summary>The statistics of one family (<c>lineage family MODEL</c>): the model asked about, the family's root, and its figures.</summary>
public sealed record FamilyStatistics(string Model, string Root, GenealogyStatistics Statistics);
