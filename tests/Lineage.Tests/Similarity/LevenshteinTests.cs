using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Similarity;

public sealed class LevenshteinTests
{
    /// <summary>Wagner–Fischer over code points: the plain dynamic program the bit-parallel distance must equal.</summary>
    private static int Reference(string a, string b)
    {
        var x = a.EnumerateRunes().Select(r => r.Value).ToArray();
        var y = b.EnumerateRunes().Select(r => r.Value).ToArray();
        var previous = Enumerable.Range(0, y.Length + 1).ToArray();
        var current = new int[y.Length + 1];
        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
            {
                current[j] = Math.Min(previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1), Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[y.Length];
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("😀", "😁", 1)] // one code point each, differing only in the low surrogate
    [InlineData("a😀b", "ab", 1)]
    [InlineData("😀x", "😁x", 1)]
    [InlineData("x😀", "y😀", 1)]
    [InlineData("𝔸𝔹ℂ", "𝔸ℂ", 1)]
    public void Distance_counts_code_points_not_utf16_units(string a, string b, int expected)
    {
        Assert.Equal(expected, Levenshtein.Distance(a, b));
        Assert.Equal(expected, Levenshtein.Distance(b, a));
        Assert.Equal(expected, Reference(a, b));
    }

    [Fact]
    public void Distance_equals_the_dynamic_program_on_random_strings_of_one_and_many_words()
    {
        var random = new Random(9);
        // Small alphabets make long common runs (prefix/suffix stripping, many matches); astral letters test surrogates.
        string[] alphabets = ["ab", "abcd", "{}\":, abcdefghij0123", "aé€😀𝔸b"];
        for (var trial = 0; trial < 400; trial++)
        {
            var alphabet = alphabets[trial % alphabets.Length].EnumerateRunes().Select(r => r.ToString()).ToArray();
            string Text(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));
            // Lengths cross the 64- and 128-code-point word boundaries.
            var a = Text(random.Next(0, trial < 200 ? 70 : 300));
            var b = random.Next(3) == 0 ? Mutate(a, random, alphabet) : Text(random.Next(0, trial < 200 ? 70 : 300));
            Assert.True(Reference(a, b) == Levenshtein.Distance(a, b), $"'{a}' vs '{b}'");
        }
    }

    private static string Mutate(string text, Random random, string[] alphabet)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        for (var edits = random.Next(1, 12); edits > 0; edits--)
        {
            var at = random.Next(runes.Count + 1);
            switch (random.Next(3))
            {
                case 0: runes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                case 1 when at < runes.Count: runes.RemoveAt(at); break;
                default: if (at < runes.Count) runes[at] = alphabet[random.Next(alphabet.Length)]; break;
            }
        }
        return string.Concat(runes);
    }

    [Fact]
    public void Distance_equals_the_dynamic_program_on_real_model_records()
    {
        var path = SharedData.RequireFile("data/hub/mistral-small-24b-base-tree-2025-04-05.csv");
        var records = ModelSource.Read(path, ModelSource.ResolveFormat(path, null))
            .Select(i => i.Record?.RawJson).OfType<string>().Take(8).ToList();
        Assert.Equal(8, records.Count);
        Assert.True(records.Average(r => r.Length) > 2_000, "real records are kilobytes long");
        for (var i = 0; i + 1 < records.Count; i += 2)
        {
            Assert.Equal(Reference(records[i], records[i + 1]), Levenshtein.Distance(records[i], records[i + 1]));
        }
    }

    [Fact]
    public void Normalized_similarity_divides_by_the_longer_length_in_code_points()
    {
        // "a😀" is 2 characters to Python (3 UTF-16 units); one substitution away from "ab".
        Assert.Equal(0.5, SimilarityMeasures.NormalizedLevenshtein("a😀", "ab"), 12);
    }
}
