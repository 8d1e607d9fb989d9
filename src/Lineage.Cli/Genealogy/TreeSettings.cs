using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Settings of <c>lineage tree MODEL</c>.</summary>
public sealed class TreeSettings : ModelSettings
{
    [CommandOption("--up")]
    [Description("Show ancestors (with neither --up nor --down, both are shown)")]
    public bool Up { get; init; }

    [CommandOption("--down")]
    [Description("Show descendants")]
    public bool Down { get; init; }

    [CommandOption("--depth <N>")]
    [Description("Show at most N generations up and down (default: all)")]
    public int? Depth { get; init; }

    [CommandOption("--include-external")]
    [Description("Show declared parents that are not in the catalog as placeholder nodes")]
    public bool IncludeExternal { get; init; }

    public override ValidationResult Validate()
    {
        if (Depth is < 0)
        {
            return ValidationResult.Error($"--depth must be 0 or more, not {Depth}");
        }
        return base.Validate();
    }
}
