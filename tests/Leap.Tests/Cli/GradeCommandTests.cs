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
    public void Grade_adds_extracted_and_correct_to_every_good_line_and_names_bad_lines()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Fixtures", "predictions.jsonl");
        var output = Path.Combine(_dir, "graded.jsonl");

        var result = App().Run("grade", "--input", input, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("predictions.jsonl:5: field 'prediction': missing", result.Output, StringComparison.Ordinal);
        Assert.Contains("predictions.jsonl:6: invalid JSON", result.Output, StringComparison.Ordinal);
        Assert.Contains("graded 5 lines: 3 correct (60.00%), 1 without an answer, 2 bad lines skipped", result.Output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(["a", "b", "c", "d", "f"], lines.Select(l => (string)l["id"]!));
        Assert.Equal(["025", "\\frac{1}{2}", null, "B", "0.5"], lines.Select(l => (string?)l["extracted"]));
        Assert.Equal([true, false, false, true, true], lines.Select(l => (bool)l["correct"]!));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(output))!, "." + Path.GetFileName(output) + ".*.tmp"));
    }

    [Fact]
    public void Grade_without_input_is_one_clear_error()
    {
        var result = App().Run("grade", "--input", Path.Combine(_dir, "missing.jsonl"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("missing.jsonl: file not found", result.Output, StringComparison.Ordinal);
    }
}
