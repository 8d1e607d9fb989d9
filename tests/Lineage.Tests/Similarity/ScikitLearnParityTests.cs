using Kinship.Lineage.Similarity;
using Kinship.Randomness;

namespace Kinship.Lineage.Tests.Similarity;

/// <summary>The vectorizer's vocabulary and tokens equal scikit-learn's (study §3.2.2–3), ties and non-ASCII text included.</summary>
public sealed class ScikitLearnParityTests
{
    [Fact]
    public void Ties_at_the_feature_cut_are_decided_by_numpys_unstable_argsort_as_scikit_learn_does()
    {
        // One document of 9 tokens: 9 unigrams + 8 bigrams = 17 distinct terms, every one with term frequency 1.
        // scikit-learn sorts the features by code point:
        //   0 aa, 1 "aa bb", 2 bb, 3 "bb cc", 4 cc, 5 "cc dd", 6 dd, 7 "dd ee", 8 ee, 9 "ee ff", 10 ff, 11 "ff gg",
        //   12 gg, 13 "gg hh", 14 hh, 15 "hh ii", 16 ii
        // and keeps the first max_features = 3 indices of (-tfs).argsort(), numpy's introsort over 17 equal values:
        //   pl=0, pr=16: 16 > 15, so partition. pm = 8; median of three swaps nothing (equal values); the pivot goes to 15:
        //   a = [0..7, 15, 9..14, 8, 16]. Scanning stops at every equal value, so pi/pj swap 1↔14, 2↔13, 3↔12, 4↔11,
        //   5↔10, 6↔9, 7↔8(now 15); then pi = 8 > pj = 7 and the pivot returns: a[8] = 8, a[15] = 7.
        //   a = [0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16]; both halves have at most 16 entries and
        //   insertion sort moves no equal value.
        // The first three entries are 0, 14, 13: "aa", "hh", "gg hh" (vocabulary in code-point order below).
        // A stable sort (what we did before) would keep "aa", "aa bb", "bb".
        var vocabulary = NgramVocabulary.Fit(["aa bb cc dd ee ff gg hh ii"], maxFeatures: 3);
        Assert.Equal(["aa", "gg hh", "hh"], vocabulary.Terms);
    }

    [Fact]
    public void Argsort_replays_numpys_scalar_introsort_on_ties()
    {
        // Expected permutations printed by numpy 1.24.2 (Debian bookworm, scalar argsort kernel): first 24 entries and
        // the checksum sum(i * p[i]) for v[i] = -((i*7919) % 5), n = 40; -((i*i+3) % 4), n = 100;
        // -(((i*2654435761) % 1000003) % 3), n = 5000.
        AssertPermutation(40, i => -(i * 7919L % 5),
            [26, 1, 16, 31, 36, 6, 11, 21, 32, 27, 12, 22, 7, 37, 2, 17, 23, 28, 38, 13, 33, 8, 3, 18], 14755);
        AssertPermutation(100, i => -(((long)i * i + 3) % 4),
            [0, 82, 64, 34, 80, 36, 38, 78, 40, 42, 76, 44, 46, 74, 48, 98, 50, 52, 72, 54, 56, 70, 58, 60], 234617);
        AssertPermutation(5000, i => -(i * 2654435761L % 1000003 % 3),
            [2499, 4048, 4525, 4046, 1419, 2861, 1417, 2863, 1415, 1413, 4527, 1411, 2865, 4523, 1409, 1407, 2867, 4531, 2869, 2871, 4533, 1398, 2873, 1396],
            30478491397);
        Assert.Equal([0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16], NumpyArgsort.Argsort(Enumerable.Repeat(-1L, 17).ToArray()));
    }

    private static void AssertPermutation(int n, Func<int, long> value, int[] head, long checksum)
    {
        var values = Enumerable.Range(0, n).Select(value).ToArray();
        var order = NumpyArgsort.Argsort(values);
        Assert.Equal(head, order[..head.Length]);
        Assert.Equal(checksum, order.Select((p, i) => (long)i * p).Sum());
        for (var i = 1; i < n; i++)
        {
            Assert.True(values[order[i - 1]] <= values[order[i]]);
        }
    }

    [Fact]
    public void Tokens_follow_python_lower_and_word_characters_on_non_ascii_text()
    {
        // scikit-learn's analyzer (Python 3.11 re, str.lower) on this text yields the unigrams
        //   stanbul οδος οδος ab_c x² ①② 𝐀𝐁 nai ve
        // İ lower-cases to "i" + U+0307 (a mark, not a word character), so "i" is a lone character; the final capital sigma
        // becomes ς; Devanagari vowel signs are marks, so हिन्दी has no two-letter run; ‿ is punctuation; ² and ① are numbers;
        // the combining diaeresis in "nai\u0308ve" splits the word.
        const string text = "İstanbul ΟΔΟΣ ΟΔΟΣ. हिन्दी ‿ab_c x² ①② 𝐀𝐁 nai\u0308ve";
        var unigrams = NgramVocabulary.Fit([text], maxFeatures: 100).Terms.Where(t => !t.Contains(' ', StringComparison.Ordinal)).ToList();
        Assert.Equal(["ab_c", "nai", "stanbul", "ve", "x²", "οδος", "①②", "𝐀𝐁"], unigrams);
        Assert.Equal("i\u0307stanbul οδος οδος.", PythonText.Lower("İstanbul ΟΔΟΣ ΟΔΟΣ."));
        Assert.Equal("σα ας", PythonText.Lower("ΣΑ ΑΣ"));
    }

    [Fact]
    public void Features_are_in_code_point_order_not_utf16_order()
    {
        // sorted() in Python puts U+FF41 (from Ａ) before U+1D400 (a surrogate pair in UTF-16, which ordinal order puts first).
        var vocabulary = NgramVocabulary.Fit(["\uFF21\uFF21 \U0001D400\U0001D400 zz"], maxFeatures: 100);
        Assert.Equal(["zz", "\uFF41\uFF41", "\uFF41\uFF41 \U0001D400\U0001D400", "\U0001D400\U0001D400", "\U0001D400\U0001D400 zz"], vocabulary.Terms);
        Assert.True(PythonText.CompareCodePoints("\uFF41", "\U0001D400") < 0);
        Assert.True(string.CompareOrdinal("\uFF41", "\U0001D400") > 0);
    }

    [Fact]
    public void Streaming_fit_with_ties_at_the_cut_equals_the_in_memory_fit()
    {
        var rng = new SeededRandom(11);
        string[] words = ["aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh", "ii", "jj", "kk", "ll", "mm", "nn", "oo", "pp", "qq", "rr"];
        var docs = Enumerable.Range(0, 400).Select(_ => string.Join(' ', Enumerable.Range(0, 2).Select(_ => words[rng.NextInt32(words.Length)]))).ToList();
        var expected = NgramVocabulary.Fit(docs, maxFeatures: 60);
        var builder = new NgramVocabularyBuilder(maxFeatures: 60, shards: 3);
        foreach (var chunk in docs.Chunk(90))
        {
            builder.CountFirstPass(chunk);
        }
        builder.EndFirstPass();
        Assert.True(builder.TieAtCut);
        foreach (var chunk in docs.Chunk(70))
        {
            builder.CountSecondPass(chunk);
        }
        var actual = builder.Build();
        Assert.Equal(expected.Terms, actual.Terms);
        Assert.Equal(expected.TermFrequencies, actual.TermFrequencies);
        Assert.Equal(expected.DocumentFrequencies, actual.DocumentFrequencies);
    }
}
