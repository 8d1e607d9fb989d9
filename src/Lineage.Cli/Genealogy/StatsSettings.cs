namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Settings of <c>lineage stats</c>.</summary>
public sealed class StatsSettings : GenealogySettings;
