using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

public sealed class BenchmarkLoaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Aime2024_has_30_problems_with_zero_padded_answers_and_problem_15_for_number_0()
    {
        var items = BenchmarkLoader.Load(SharedData.RequireFile("data/benchmarks/aime2024.json"));
        Assert.Equal(30, items.Count);
        Assert.Equal("204", items[0].Answer);
        Assert.Equal("025", items[1].Answer);
        Assert.Equal("2024-I-1", items[0].Id);
        Assert.Equal(15, items.Count(i => i.Id.StartsWith("2024-I-", StringComparison.Ordinal)));
        Assert.Contains(items, i => i.Id == "2024-I-15");
        Assert.Contains(items, i => i.Id == "2024-II-15");
        Assert.DoesNotContain(items, i => i.Id.EndsWith("-0", StringComparison.Ordinal));
        Assert.All(items, i => Assert.False(i.IsMultipleChoice));
    }

    [Fact]
    public void Aime2025_uses_the_file_ids()
    {
        var items = BenchmarkLoader.Load(SharedData.RequireFile("data/benchmarks/aime2025.json"));
        Assert.Equal(30, items.Count);
        Assert.Equal(("I-1", "70"), (items[0].Id, items[0].Answer));
        Assert.Equal(("II-15", "240"), (items[29].Id, items[29].Answer));
    }

    [Fact]
    public void Aimo2025_integer_answers_become_strings()
    {
        var items = BenchmarkLoader.Load(SharedData.RequireFile("data/benchmarks/aimo2025.json"));
        Assert.Equal(10, items.Count);
        Assert.Equal(["79", "250", "180", "143", "3", "751", "891", "810", "201", "902"], items.Select(i => i.Answer));
        Assert.Equal("057f8a", items[0].Id);
    }

    [Fact]
    public void Choice_options_are_shuffled_per_item_and_the_answer_follows_its_option()
    {
        var items = BenchmarkLoader.Load(Fixture("choice-sample.json"));
        Assert.Equal(["1", "water", "prime"], items.Select(i => i.Id));
        string[] correctTexts = ["Mercury", "H2O", "29"];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            Assert.True(item.IsMultipleChoice);
            Assert.Equal(4, item.Options!.Count);
            Assert.Equal(correctTexts[i], item.Options[item.Answer[0] - 'A']);
        }
        // The same seed gives the same order; published files put the answer first, the shuffle must not.
        var again = BenchmarkLoader.Load(Fixture("choice-sample.json"));
        Assert.Equal(items.Select(i => string.Join("|", i.Options!)), again.Select(i => string.Join("|", i.Options!)));
        Assert.Contains(items, i => i.Answer != "A");
    }

    [Fact]
    public void Choice_options_keep_file_order_when_shuffling_is_off()
    {
        var items = BenchmarkLoader.Load(Fixture("choice-sample.json"), new BenchmarkLoadOptions { ShuffleOptions = false });
        Assert.Equal(["A", "A", "C"], items.Select(i => i.Answer));
        Assert.Equal(["21", "27", "29", "33"], items[2].Options!);
    }

    [Fact]
    public void A_different_option_seed_gives_a_different_permutation_somewhere()
    {
        var a = BenchmarkLoader.Load(Fixture("choice-sample.json"), new BenchmarkLoadOptions { OptionSeed = 1 });
        var b = BenchmarkLoader.Load(Fixture("choice-sample.json"), new BenchmarkLoadOptions { OptionSeed = 2 });
        Assert.NotEqual(a.Select(i => string.Join("|", i.Options!)), b.Select(i => string.Join("|", i.Options!)));
    }

    [Fact]
    public void Json_lines_read_string_number_and_array_options()
    {
        var items = BenchmarkLoader.Load(Fixture("mixed.jsonl"), new BenchmarkLoadOptions { ShuffleOptions = false });
        Assert.Equal(["p1", "p2", "p3"], items.Select(i => i.Id));
        Assert.Equal(["5", "42", "B"], items.Select(i => i.Answer));
        Assert.Equal(["3", "8", "11"], items[2].Options!);
    }

    [Fact]
    public void A_missing_answer_names_file_line_and_field()
    {
        var e = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(Fixture("missing-answer.jsonl")));
        Assert.Equal(2, e.Line);
        Assert.Equal("answer", e.Field);
        Assert.EndsWith("missing-answer.jsonl:2: field 'answer': missing (expected a string or a number)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_names_the_line()
    {
        var e = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(Fixture("broken-json.jsonl")));
        Assert.Equal(2, e.Line);
        Assert.Contains("invalid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_choice_answer_outside_the_options_names_the_item_line()
    {
        var e = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(Fixture("bad-choice.json")));
        Assert.Equal(3, e.Line);
        Assert.Equal("answer", e.Field);
        Assert.Contains("'E' is neither a letter A–B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load("/nonexistent/bench.json"));
        Assert.Equal("/nonexistent/bench.json: file not found", e.Message);
    }

    private static readonly IReadOnlyList<BenchmarkItem> Ten =
        Enumerable.Range(1, 10).Select(i => new BenchmarkItem($"q{i}", $"problem {i}", $"{i}")).ToArray();

    [Fact]
    public void Selection_ids_keep_file_order_then_limit_takes_the_first()
    {
        var picked = new BenchmarkSelection { Ids = ["q7", "q2", "q5"], Limit = 2 }.Apply(Ten, "ten.json");
        Assert.Equal(["q2", "q5"], picked.Select(i => i.Id));
    }

    [Fact]
    public void Selection_shuffle_is_a_deterministic_permutation()
    {
        var a = new BenchmarkSelection { ShuffleSeed = 7 }.Apply(Ten, "ten.json");
        var b = new BenchmarkSelection { ShuffleSeed = 7 }.Apply(Ten, "ten.json");
        Assert.Equal(a, b);
        Assert.NotEqual(Ten.Select(i => i.Id), a.Select(i => i.Id));
        Assert.Equal(Ten.Select(i => i.Id).Order(), a.Select(i => i.Id).Order());
        var limited = new BenchmarkSelection { ShuffleSeed = 7, Limit = 3 }.Apply(Ten, "ten.json");
        Assert.Equal(a.Take(3), limited);
    }

    [Fact]
    public void Selection_of_an_unknown_id_names_it()
    {
        var e = Assert.Throws<BenchmarkFormatException>(() => new BenchmarkSelection { Ids = ["q3", "nope"] }.Apply(Ten, "ten.json"));
        Assert.Equal("ten.json: field 'id': no problem with id 'nope' (ids run from 'q1' to 'q10')", e.Message);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"problem\":\"ok\",\"answer\":\"1\"}\n{\"id\":\"b\",\"problem\":\"x \\ud800 y\",\"answer\":\"2\"}\n", ".jsonl", 2, "problem")]
    [InlineData("[\n{\"id\":\"a\",\"problem\":\"ok\",\"answer\":\"1\"},\n{\"id\":\"b\",\"problem\":\"q\",\"answer\":\"\\udc00\"}\n]", ".json", 3, "answer")]
    [InlineData("{\"id\":\"a\",\"problem\":\"q\",\"answer\":\"A\",\"options\":[\"x\",\"\\ud83d\"]}\n", ".jsonl", 1, "options[1]")]
    public void A_lone_surrogate_escape_is_an_error_naming_file_line_and_field(string content, string extension, int line, string field)
    {
        var path = Path.Combine(Path.GetTempPath(), $"leap-surrogate-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        try
        {
            var error = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(path));

            Assert.Equal((path, line, field), (error.File, error.Line, error.Field));
            Assert.Contains("lone surrogate escape", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
