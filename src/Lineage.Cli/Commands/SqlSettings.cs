using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Settings of <c>lineage sql</c>.</summary>
public sealed class SqlSettings : CommandSettings
{
    [CommandArgument(0, "<QUERY>")]
    [Description("A SQL query over the catalog's tables (models, parents, imports); the connection is read-only")]
    public string Query { get; init; } = "";

    [CommandOption("--catalog <PATH>")]
    [Description("The DuckDB catalog")]
    [DefaultValue(CatalogSchema.DefaultFileName)]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    [CommandOption("--json")]
    [Description("Print a JSON array of row objects instead of a table")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Query) ? ValidationResult.Error("QUERY is empty") : ValidationResult.Success();
}
