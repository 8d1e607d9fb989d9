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
}
