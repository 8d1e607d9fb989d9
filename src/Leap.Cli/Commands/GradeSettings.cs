using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary>Options of <c>leap grade</c>.</summary>
public sealed class GradeSettings : CommandSettings
{
    [CommandOption("--input <FILE>")]
    [Description("JSON Lines with \"prediction\" (an answer or a whole model output), \"answer\" and optional \"options\".")]
    public string Input { get; init; } = "";

    [CommandOption("--output <FILE>")]
    [Description("Where to write the graded lines (written atomically). Default: standard output.")]
    public string? Output { get; init; }

    [CommandOption("--explain")]
    [Description("Also print, for every graded line, its verdict, the rule that decided it and the extracted answer.")]
    public bool Explain { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
        {
            return ValidationResult.Error("--input FILE.jsonl is required");
        }
        if (!File.Exists(Input))
        {
            return ValidationResult.Error($"--input: {Input}: file not found");
        }
        if (Output is not null && Path.GetFullPath(Output) == Path.GetFullPath(Input))
        {
            return ValidationResult.Error("--output must differ from --input");
        }
        return ValidationResult.Success();
    }
}
