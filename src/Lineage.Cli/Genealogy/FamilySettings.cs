namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Settings of <c>lineage family MODEL</c>.</summary>
public sealed class FamilySettings : ModelSettings;
