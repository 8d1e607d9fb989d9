using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

/// <summary>The grading table (Fixtures/grading-table.tsv): our own cases across every answer form, each with its expected verdict and deciding rule.</summary>
public sealed class GradingTableTests
{
    /// <summary>One row: expected verdict, expected rule, reference, prediction, options (null for math).</summary>
    public sealed record Row(int Line, bool Correct, string Rule, string Reference, string Prediction, IReadOnlyList<string>? Options);

    public static IReadOnlyList<Row> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
        var rows = new List<Row>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var cells = line.Split('\t');
            if (cells.Length is < 4 or > 5 || cells[0] is not ("0" or "1"))
            {
                throw new InvalidDataException($"{file}:{i + 1}: expected verdict, rule, reference, prediction[, options]");
            }
            var options = cells.Length == 5 ? cells[4].Split('|') : null;
            rows.Add(new Row(i + 1, cells[0] == "1", cells[1], cells[2], cells[3].Replace("⏎", "\n", StringComparison.Ordinal), options));
        }
        return rows;
    }

    public static TheoryData<int> TableLines() => [.. Load("grading-table.tsv").Select(r => r.Line)];

    [Fact]
    public void The_table_covers_at_least_300_cases_and_both_verdicts_of_every_rule()
    {
        var rows = Load("grading-table.tsv");
        Assert.True(rows.Count >= 300, $"{rows.Count} rows");
        var rules = rows.GroupBy(r => r.Rule).Where(g => g.Key is not ("no-answer" or "same-text")).ToArray();
        Assert.All(rules, g => Assert.True(g.Any(r => r.Correct) && g.Any(r => !r.Correct), $"rule {g.Key} needs a correct and a wrong case"));
    }

    [Theory]
    [MemberData(nameof(TableLines))]
    public void Table_row_grades_with_the_expected_verdict_and_rule(int line)
    {
        var row = Load("grading-table.tsv").Single(r => r.Line == line);
        var graded = AnswerGrader.Grade(row.Prediction, row.Reference, row.Options);
        Assert.True(row.Correct == graded.Correct && row.Rule == graded.Rule,
            $"line {line}: '{row.Prediction}' vs '{row.Reference}': expected {(row.Correct ? "correct" : "wrong")} by {row.Rule}, got {(graded.Correct ? "correct" : "wrong")} by {graded.Rule} (extracted '{graded.Extracted}' via {graded.Extraction})");
    }

    /// <summary>Held-out-style cases (Fixtures/grading-heldout.tsv, verdicts only, written before the grader was run on them): agreement and false accepts.</summary>
    [Fact]
    public void Held_out_style_cases_agree_at_least_97_percent_with_no_false_accept()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "grading-heldout.tsv");
        var cases = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToArray();
        var disagreements = new List<string>();
        var falseAccepts = 0;
        foreach (var c in cases)
        {
            var graded = AnswerGrader.Grade(c[2], c[1], c.Length > 3 ? c[3].Split('|') : null);
            var expected = c[0] == "1";
            if (graded.Correct != expected)
            {
                falseAccepts += graded.Correct ? 1 : 0;
                disagreements.Add($"'{c[2]}' vs '{c[1]}': expected {expected}, got {graded.Correct} by {graded.Rule}");
            }
        }
        var agreement = (double)(cases.Length - disagreements.Count) / cases.Length;
        TestContext.Current.SendDiagnosticMessage($"held-out agreement {cases.Length - disagreements.Count}/{cases.Length}");
        Assert.True(falseAccepts == 0 && agreement >= 0.97, $"agreement {cases.Length - disagreements.Count}/{cases.Length}, {falseAccepts} false accepts:\n" + string.Join("\n", disagreements));
        Assert.Equal(100, cases.Length);
    }
}
