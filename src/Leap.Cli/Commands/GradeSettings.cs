using System.ComponentModel;
using Kinship.Cli;
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

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
        {
            return ValidationResult.Error("--input expects a JSON Lines file of predictions (got none)");
        }
        if (CliPaths.FileError("--input", Input) is { } inputError)
        {
            return ValidationResult.Error(inputError);
        }
        if (Output is not null && Directory.Exists(Output))
        {
            return ValidationResult.Error($"--output expects a file path but {Path.GetFullPath(Output)} is a directory");
        }
        if (Output is not null && Path.GetFullPath(Output) == Path.GetFullPath(Input))
        {
            return ValidationResult.Error("--output must differ from --input");
        }
        return ValidationResult.Success();
    }
}
