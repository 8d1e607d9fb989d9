using Kinship.Cli;
using System.Globalization;
using Kinship.Leap.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary><c>leap grade</c>: re-grades saved predictions with the evaluation's extraction and equivalence.</summary>
public sealed class GradeCommand(IAnsiConsole console) : Command<GradeSettings>
{
    public override int Execute(CommandContext context, GradeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        GradeSummary summary;
        var explanations = new List<string>();
        Action<int, GradedAnswer>? explain = settings.Explain
            ? (line, graded) => explanations.Add(string.Create(CultureInfo.InvariantCulture,
                $"line {line}: {(graded.Correct ? "correct" : "wrong")} by {graded.Rule} (extracted {(graded.Extracted is null ? "nothing" : "'" + graded.Extracted + "'")} via {graded.Extraction})"))
            : null;
        try
        {
            if (settings.Output is { } output)
            {
                summary = PredictionFileGrader.Grade(settings.Input, output, explain, cancellationToken);
            }
            else
            {
                // The graded lines go to standard output; the summary goes through the console (stderr-like messages).
                summary = PredictionFileGrader.Grade(settings.Input, Console.Out, explain, cancellationToken);
                Console.Out.Flush();
            }
        }
        catch (BenchmarkFormatException e)
        {
            // an unreadable input is a runtime failure (1), not a usage error
            throw new CliFailureException(e.Message, e);
        }
        var report = string.Create(CultureInfo.InvariantCulture,
            $"graded {summary.Graded} lines: {summary.Correct} correct ({summary.Accuracy * 100:F2}%), {summary.Unanswered} without an answer, {summary.Errors.Count} bad lines skipped");
        if (settings.Output is null)
        {
            // Standard output carries the graded lines; keep it clean for pipes.
            foreach (var explanation in explanations)
            {
                Console.Error.WriteLine(explanation);
            }
            foreach (var error in summary.Errors)
            {
                Console.Error.WriteLine("error: " + error);
            }
            Console.Error.WriteLine(report);
        }
        else
        {
            foreach (var explanation in explanations)
            {
                console.WriteLine(explanation);
            }
            // bad lines are errors: standard error, like the piped mode
            foreach (var error in summary.Errors)
            {
                Console.Error.WriteLine("error: " + error);
            }
            console.WriteLine(report);
        }
        return summary.Errors.Count > 0 ? 1 : 0;
    }
}
