using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Genealogy settings about one model.</summary>
public class ModelSettings : GenealogySettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("Model id, e.g. mistralai/Mistral-7B-v0.1")]
    public string Model { get; init; } = "";

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            return ValidationResult.Error("MODEL must be a model id");
        }
        return base.Validate();
    }
}
