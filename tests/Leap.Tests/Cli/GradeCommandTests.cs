using System.Text.Json.Nodes;
using Kinship.Leap.Cli.Commands;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Kinship.Leap.Tests.Cli;

public sealed class GradeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leap-grade-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Console.Width(400);
        app.Configure(c =>
        {
            c.UseStrictParsing();
            c.AddCommand<GradeCommand>("grade");
        });
        return app;
    }

    [Fact]
    public async Task Grade_adds_extracted_and_correct_to_every_good_line_and_names_bad_lines()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Fixtures", "predictions.jsonl");
        var output = Path.Combine(_dir, "graded.jsonl");

        // the real binary: bad lines are errors on standard error, the summary is the result on standard output
        var result = await CliProcess.RunToolAsync("leap", "grade", "--input", input, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("predictions.jsonl:5: field 'prediction': missing", result.Errors, StringComparison.Ordinal);
        Assert.Contains("predictions.jsonl:6: invalid JSON", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid JSON", result.Output, StringComparison.Ordinal);
        Assert.Contains("graded 7 lines: 5 correct (71.43%), 1 without an answer, 2 bad lines skipped", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1: correct", result.Output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(["a", "b", "c", "d", "f", "g", "h"], lines.Select(l => (string)l["id"]!));
        Assert.Equal(["025", "\\frac{1}{2}", null, "B", "0.5", "42", "1,000"], lines.Select(l => (string?)l["extracted"]));
        Assert.Equal([true, false, false, true, true, true, true], lines.Select(l => (bool)l["correct"]!));
        Assert.Equal(["leading-zeros", "rational", "no-answer", "choice", "rational", "integer", "thousands"], lines.Select(l => (string)l["rule"]!));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(output))!, "." + Path.GetFileName(output) + ".*.tmp"));
    }

    [Fact]
    public void Grade_explain_names_the_rule_that_decided_every_graded_line()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Fixtures", "predictions.jsonl");
        var output = Path.Combine(_dir, "graded.jsonl");

        var result = App().Run("grade", "--input", input, "--output", output, "--explain");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 1: correct by leading-zeros (extracted '025' via boxed)", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 2: wrong by rational (extracted '\\frac{1}{2}' via boxed)", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 3: wrong by no-answer (extracted nothing via none)", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 4: correct by choice (extracted 'B' via choice-field)", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 7: correct by rational (extracted '0.5' via answer-phrase)", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 8: correct by integer (extracted '42' via bare)", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 9: correct by thousands (extracted '1,000' via bare)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("line 5: correct", result.Output, StringComparison.Ordinal);
        Assert.Contains("graded 7 lines: 5 correct (71.43%), 1 without an answer, 2 bad lines skipped", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_grades_bare_answers_as_the_answer_itself()
    {
        var input = Path.Combine(_dir, "bare.jsonl");
        File.WriteAllLines(input,
        [
            """{"prediction": "42", "answer": "42"}""",
            """{"prediction": "025", "answer": "25"}""",
            """{"prediction": "\\frac{1}{2}", "answer": "0.5"}""",
            """{"prediction": "x = 1 or x = 2", "answer": "\\{2, 1\\}"}""",
            """{"prediction": "43", "answer": "42"}""",
        ]);
        var output = Path.Combine(_dir, "graded.jsonl");

        var result = App().Run("grade", "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("graded 5 lines: 4 correct (80.00%), 0 without an answer, 0 bad lines skipped", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_with_a_missing_input_is_one_clear_error()
    {
        var missing = Path.Combine(_dir, "missing.jsonl");
        var result = App().Run("grade", "--input", missing);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--input: no such file " + missing, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_without_input_or_with_folders_is_a_usage_error_naming_the_option_and_the_expected_value()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Fixtures", "predictions.jsonl");

        var none = await CliProcess.RunToolAsync("leap", "grade");
        var folderIn = await CliProcess.RunToolAsync("leap", "grade", "--input", _dir);
        var folderOut = await CliProcess.RunToolAsync("leap", "grade", "--input", input, "--output", _dir);

        Assert.Equal((2, "error: --input expects a JSON Lines file of predictions (got none)\n", ""), (none.ExitCode, none.Errors, none.Output));
        Assert.Equal((2, $"error: --input expects a file but {_dir} is a directory\n", ""), (folderIn.ExitCode, folderIn.Errors, folderIn.Output));
        Assert.Equal((2, $"error: --output expects a file path but {_dir} is a directory\n", ""), (folderOut.ExitCode, folderOut.Errors, folderOut.Output));
    }
}
