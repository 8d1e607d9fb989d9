using System.Security.Cryptography;
using System.Text;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Similarity;

/// <summary>
/// The real 67-model Mistral-Small family through our DNA and vectorizer against the study's pipeline (pandas +
/// scikit-learn). Every expected value below was printed by a throwaway script (not in the repository) that ran
/// scikit-learn 1.2.1 with numpy 1.24.2 (Debian bookworm python3-sklearn, Python 3.11) on the CSV's <c>metadata</c>
/// column: DNA = <c>repr(json.loads(metadata))</c> (python-repr) or the column text (json);
/// <c>CountVectorizer</c>/<c>TfidfVectorizer(max_features=512, lowercase=True, ngram_range=(1,2))</c> fitted on all 67
/// documents; <c>get_feature_names_out()</c> joined with "\n" and hashed with SHA-256; per-pair
/// <c>cosine_similarity</c> of the dense BoW and TF-IDF rows. 172 terms tie at the cut (term frequency 33, 467 above it),
/// so the vocabulary depends on numpy's argsort order.
/// </summary>
public sealed class StudyCodeParityTests
{
    private const string FamilyCsv = "data/hub/mistral-small-24b-base-tree-2025-04-05.csv";

    private static List<ModelRecord> Family()
    {
        var path = SharedData.RequireFile(FamilyCsv);
        using var stream = File.OpenRead(path);
        return ModelInfoReader.ReadCsv(stream).Select(i => i.Record!).ToList();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Python_repr_dna_of_the_family_equals_pythons_repr_byte_for_byte()
    {
        // sha256("\0".join(repr(json.loads(m)) for m in metadata)) and the total length in code points.
        var documents = Family().Select(r => DnaDocuments.MetadataDna(r.RawJson, DnaFormat.PythonRepr)!).ToList();
        Assert.Equal("de96ec533a7dd96ca80f66d449ee3bfbe509cc7856dfc93e8c767f8328671134", Sha256(string.Join('\0', documents)));
        Assert.Equal(350314, documents.Sum(d => d.EnumerateRunes().Count()));
    }

    public static TheoryData<string, string, string[], string[]> Vocabularies => new()
    {
        { "python-repr", "3bd2eadfd965424753b5403052ef009a252b10e974814263e6971654ce8a8514", ["00", "00 00", "00 carddata"], ["your personal", "zh", "zh ja"] },
        { "json", "fdab9508863501ec486e5f5ff98a3aceb70026d396102b6f4ff93271813dc357", ["00", "00 00", "00 carddata"], ["your personal", "zh", "zh ja"] },
    };

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Family_vocabulary_equals_scikit_learns(string format, string sha256, string[] first, string[] last)
    {
        var dnaFormat = format == "json" ? DnaFormat.Json : DnaFormat.PythonRepr;
        var documents = Family().Select(r => DnaDocuments.MetadataDna(r.RawJson, dnaFormat)).ToList();
        var vocabulary = NgramVocabulary.Fit(documents, maxFeatures: 512);
        Assert.Equal(512, vocabulary.Count);
        Assert.Equal(first, vocabulary.Terms.Take(3));
        Assert.Equal(last, vocabulary.Terms.TakeLast(3));
        Assert.Equal(sha256, Sha256(string.Join('\n', vocabulary.Terms)));
    }

    public static TheoryData<string, string, string, double, double> Pairs => new()
    {
        { "python-repr", "mistralai/Mistral-Small-24B-Base-2501", "allura-org/Mistral-Small-24b-Sertraline-0304", 0.9583741484989042, 0.8567966811678639 },
        { "python-repr", "mistralai/Mistral-Small-24B-Base-2501", "gghfez/Mistral-Small-24B-Instruct-2501", 0.9673605628052363, 0.9506618103776595 },
        { "python-repr", "Erland/Mistral-Small-24B-Base-2501", "Mawdistical/Mawdistic-NightLife-24b", 0.665527426170494, 0.5489293464959923 },
        { "python-repr", "AlSamCur123/DeepHermes-3-Mistral-24BContinuedFine", "bigband/ProsperousTezcatlipoca", 0.9522165093746553, 0.8540437825278273 },
        { "json", "mistralai/Mistral-Small-24B-Base-2501", "allura-org/Mistral-Small-24b-Sertraline-0304", 0.9531662585202422, 0.8422184151892094 },
        { "json", "Erland/Mistral-Small-24B-Base-2501", "Mawdistical/Mawdistic-NightLife-24b", 0.452950967590857, 0.36937001224372135 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Family_pair_similarities_equal_scikit_learns_within_1e_12(string format, string a, string b, double bagOfWords, double tfIdf)
    {
        var dnaFormat = format == "json" ? DnaFormat.Json : DnaFormat.PythonRepr;
        var family = Family();
        var documents = family.Select(r => DnaDocuments.MetadataDna(r.RawJson, dnaFormat)).ToList();
        var vocabulary = NgramVocabulary.Fit(documents, maxFeatures: 512);
        float[] Counts(string id)
        {
            var counts = new float[vocabulary.Count];
            vocabulary.CountTerms(documents[family.FindIndex(r => r.Id == id)], counts);
            return counts;
        }
        var ca = Counts(a);
        var cb = Counts(b);
        Assert.Equal(bagOfWords, SimilarityMeasures.Cosine(ca, cb), 1e-12);
        Assert.Equal(tfIdf, vocabulary.TfIdfCosine(ca, cb), 1e-12);
    }
}
