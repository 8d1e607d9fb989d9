using Kinship.Lineage.Similarity;
using Kinship.Randomness;

namespace Kinship.Lineage.Tests.Similarity;

public sealed class VectorizerTests
{
    // A tiny corpus worked by hand as scikit-learn's CountVectorizer/TfidfVectorizer(max_features=4, ngram_range=(1,2)) would:
    //   d1 "The cat sat."        tokens the cat sat        bigrams "the cat" "cat sat"
    //   d2 "The cat, the bird!"  tokens the cat the bird   bigrams "the cat" "cat the" "the bird"
    //   d3 "A dog dog"           tokens dog dog ("a" is one character: no token, and no bigram across it)  bigram "dog dog"
    //   d4 "dog cat"             tokens dog cat            bigram "dog cat"
    // corpus term frequencies: the 3, cat 3, dog 3, "the cat" 2, every other term 1 -> the 4 features, in ordinal order:
    //   [cat, dog, the, the cat]; document frequencies 3, 2, 2, 2 of n = 4 documents
    // smooth idf = ln((1+n)/(1+df)) + 1: df 3 -> ln(5/4)+1 = 1.2231435513142097; df 2 -> ln(5/3)+1 = 1.5108256237659907
    // count vectors: d1 [1,0,1,1]  d2 [1,0,2,1]  d3 [0,2,0,0]  d4 [1,1,0,0]
    // bag-of-words cosine(d1,d2) = 4/sqrt(3*6) = 0.9428090415820636; cosine(d1,d4) = 1/sqrt(3*2) = 0.408248290463863
    // tf-idf d1 [i3,0,i2,i2], d2 [i3,0,2*i2,i2], d4 [i3,i2,0,0]:
    //   cosine(d1,d2) = (i3²+3·i2²)/(|d1||d2|) = 0.9432747901385589; cosine(d1,d4) = i3²/(|d1||d4|) = 0.3126103708513818
    private static readonly string[] Corpus = ["The cat sat.", "The cat, the bird!", "A dog dog", "dog cat"];

    [Fact]
    public void Vocabulary_keeps_the_most_frequent_unigrams_and_bigrams_in_ordinal_order()
    {
        var vocabulary = NgramVocabulary.Fit(Corpus, maxFeatures: 4);
        Assert.Equal(["cat", "dog", "the", "the cat"], vocabulary.Terms);
        Assert.Equal([3L, 3L, 3L, 2L], vocabulary.TermFrequencies);
        Assert.Equal([3, 2, 2, 2], vocabulary.DocumentFrequencies);
        Assert.Equal(4, vocabulary.DocumentCount);
        Assert.Equal(1.2231435513142097, vocabulary.Idf[0], 12);
        Assert.Equal(1.5108256237659907, vocabulary.Idf[1], 12);
    }

    [Fact]
    public void Counts_and_cosines_match_the_hand_computed_scikit_learn_values()
    {
        var vocabulary = NgramVocabulary.Fit(Corpus, maxFeatures: 4);
        float[] Counts(string d)
        {
            var v = new float[4];
            vocabulary.CountTerms(d, v);
            return v;
        }
        float[] TfIdf(string d)
        {
            var v = new float[4];
            vocabulary.TfIdf(d, v);
            return v;
        }
        Assert.Equal([1f, 0f, 1f, 1f], Counts(Corpus[0]));
        Assert.Equal([1f, 0f, 2f, 1f], Counts(Corpus[1]));
        Assert.Equal([0f, 2f, 0f, 0f], Counts(Corpus[2]));
        Assert.Equal([1f, 1f, 0f, 0f], Counts(Corpus[3]));
        Assert.Equal(0.9428090415820636, SimilarityMeasures.Cosine(Counts(Corpus[0]), Counts(Corpus[1])), 6);
        Assert.Equal(0.408248290463863, SimilarityMeasures.Cosine(Counts(Corpus[0]), Counts(Corpus[3])), 6);
        Assert.Equal(0.9432747901385589, SimilarityMeasures.Cosine(TfIdf(Corpus[0]), TfIdf(Corpus[1])), 6);
        Assert.Equal(0.3126103708513818, SimilarityMeasures.Cosine(TfIdf(Corpus[0]), TfIdf(Corpus[3])), 6);
        Assert.Equal(0.0, SimilarityMeasures.Cosine(TfIdf(Corpus[0]), TfIdf(Corpus[2])), 12);
        var d1 = TfIdf(Corpus[0]);
        Assert.Equal(1.0, Math.Sqrt(d1.Sum(x => (double)x * x)), 6); // l2 norm
    }

    [Fact]
    public void Tokens_are_runs_of_two_or_more_word_characters_lower_cased()
    {
        // "a" and "é" alone are too short; underscore and digits are word characters; accents are letters; "-" splits.
        var vocabulary = NgramVocabulary.Fit(["A café_2 x é Hello-WORLD 42"], maxFeatures: 100);
        Assert.Equal(["42", "café_2", "café_2 hello", "hello", "hello world", "world", "world 42"], vocabulary.Terms);
    }

    [Fact]
    public void Ties_among_few_features_keep_code_point_order()
    {
        // Every term occurs once; numpy's argsort insertion-sorts arrays of up to 16 entries, which keeps equal values in
        // order, so the two smallest of the sorted features [aa, bb, "bb aa"] win -> "aa", "bb".
        var vocabulary = NgramVocabulary.Fit(["bb aa"], maxFeatures: 2);
        Assert.Equal(["aa", "bb"], vocabulary.Terms);
    }

    [Fact]
    public void Streaming_fit_over_batches_and_threads_equals_the_in_memory_fit()
    {
        var rng = new SeededRandom(7);
        string[] words = ["model", "llama", "qwen", "lora", "adapter", "gguf", "base", "chat", "instruct", "math", "code", "v2"];
        var docs = Enumerable.Range(0, 3000).Select(_ => string.Join(' ', Enumerable.Range(0, 1 + rng.NextInt32(12)).Select(_ => words[rng.NextInt32(words.Length)]))).ToList();
        var expected = NgramVocabulary.Fit(docs, maxFeatures: 40);
        var builder = new NgramVocabularyBuilder(maxFeatures: 40, shards: 3);
        foreach (var chunk in docs.Chunk(700))
        {
            builder.CountFirstPass(chunk);
        }
        builder.EndFirstPass();
        foreach (var chunk in docs.Chunk(333))
        {
            builder.CountSecondPass(chunk);
        }
        var actual = builder.Build();
        Assert.Equal(expected.Terms, actual.Terms);
        Assert.Equal(expected.TermFrequencies, actual.TermFrequencies);
        Assert.Equal(expected.DocumentFrequencies, actual.DocumentFrequencies);
        Assert.Equal(40, actual.Count);
    }
}
