using System.ComponentModel;
using Kinship.Cli;
using Kinship.Leap.Cli.Options;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Solve;

/// <summary>Options of <c>leap solve</c>: the shared engine options plus the problem and the output; validates itself.</summary>
public sealed class SolveSettings : EngineSettings
{
    [CommandArgument(0, "[PROBLEM]")]
    [Description("The problem text (or use --file)")]
    public string? Problem { get; init; }

    [CommandOption("-f|--file <FILE>")]
    [Description("Read the problem from a UTF-8 text file")]
    public string? File { get; init; }

    [CommandOption("--choice <TEXT>")]
    [Description("A multiple-choice option (repeat, in order A, B, ...); makes the problem multiple choice")]
    public string[] Choices { get; init; } = [];

    [CommandOption("--trace <FILE>")]
    [Description("Write every event of the run as JSON lines to FILE")]
    public string? Trace { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object with the paths, rounds and vote instead of the live view")]
    public bool Json { get; init; }

    [CommandOption("--no-timings")]
    [Description("Leave wall-clock figures out of the output, --json and --trace so equal seeds give byte-identical output")]
    public bool NoTimings { get; init; }

    /// <inheritdoc/>
    protected override void ValidateCommand(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Problem) == string.IsNullOrWhiteSpace(File))
        {
            errors.Add("give the problem either as an argument or with -f/--file, not both and not neither");
        }
        if (File is not null && CliPaths.FileError("-f/--file", File) is { } fileError)
        {
            errors.Add(fileError);
        }
        if (Trace is not null && Directory.Exists(Trace))
        {
            errors.Add($"--trace expects a file path but {Path.GetFullPath(Trace)} is a directory");
        }
        else if (Trace is not null && Path.GetDirectoryName(Path.GetFullPath(Trace)) is { } folder && !Directory.Exists(folder))
        {
            errors.Add($"--trace {Trace}: folder {folder} does not exist");
        }
        if (Choices.Length == 1 || Choices.Length > 26)
        {
            errors.Add($"a multiple-choice problem needs 2 to 26 --choice options (got {Choices.Length})");
        }
    }

    /// <summary>The problem from the argument or the file, multiple choice when --choice options are given.</summary>
    public Problem ReadProblem()
    {
        var text = File is null ? Problem! : System.IO.File.ReadAllText(File);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LeapConfigurationException($"the problem in {(File is null ? "the argument" : Path.GetFullPath(File))} is empty");
        }
        return Choices.Length > 0 ? Prompting.Problem.MultipleChoice(text.Trim(), Choices) : Prompting.Problem.Math(text.Trim());
    }
}
