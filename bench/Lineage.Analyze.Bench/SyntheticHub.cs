using System.Globalization;
using System.Text;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;
using Kinship.Lineage.Traits;
using Kinship.Randomness;

namespace Kinship.Lineage.Analyze.Bench;

/// <summary>
/// A seeded synthetic Hub for benchmarking until the ecosystem simulator is on main: ~29% of models derive from a parent
/// (hubs preferred), relations in the real Hub's mix, traits inherited with directed mutations, and listing JSON and cards
/// generated on the fly from per-model attributes so the corpus streams like the catalog does (nothing is held).
/// </summary>
internal sealed class SyntheticHub : IDnaSource
{
    private static readonly string[] Licenses = ["llama3.1", "gemma", "llama3", "openrail", "cc-by-nc-4.0", "mit", "apache-2.0", "cc-by-4.0", "other"];
    private static readonly string[] Tasks = ["fill-mask", "feature-extraction", "text-generation", "text-to-image", "text-classification", "token-classification", "automatic-speech-recognition", "image-classification"];
    private static readonly string[] Libraries = ["peft", "transformers", "diffusers", "sentence-transformers", "gguf", "timm", "mlx"];
    private static readonly string[] Languages = ["pl", "th", "it", "de", "fr", "ja", "zh", "ko", "es", "en"];
    private static readonly string[] Words = ["model", "trained", "dataset", "fine", "tuned", "base", "instruct", "chat", "reasoning", "math", "code", "vision",
        "language", "evaluation", "results", "license", "usage", "training", "procedure", "hyperparameters", "learning", "rate", "batch", "size", "epochs",
        "optimizer", "adam", "framework", "versions", "pytorch", "tokenizers", "intended", "uses", "limitations", "bias", "risks", "quantized", "gguf",
        "adapter", "lora", "merge", "weights", "parameters", "context", "length", "benchmark", "accuracy", "loss", "validation", "steps"];

    private readonly int _count;
    private readonly ulong _seed;
    private readonly int[] _parent;
    private readonly byte[] _relation;
    private readonly int[] _family;
    private readonly byte[] _license;
    private readonly byte[] _task;
    private readonly byte[] _library;
    private readonly byte[] _language;
    private readonly byte[] _card; // 0 none, 1 short, 2 long hand-written, 3 long auto-generated

    public SyntheticHub(int count, ulong seed)
    {
        _count = count;
        _seed = seed;
        _parent = new int[count];
        _relation = new byte[count];
        _family = new int[count];
        _license = new byte[count];
        _task = new byte[count];
        _library = new byte[count];
        _language = new byte[count];
        _card = new byte[count];
        var rng = new SeededRandom(seed);
        var edges = new List<GraphEdge>(count / 3);
        var hubs = Math.Max(1, count / 400);
        for (var i = 0; i < count; i++)
        {
            _parent[i] = -1;
            _family[i] = i;
            _license[i] = (byte)rng.NextInt32(Licenses.Length);
            _task[i] = (byte)rng.NextInt32(Tasks.Length);
            _library[i] = (byte)rng.NextInt32(Libraries.Length);
            _language[i] = (byte)rng.NextInt32(Languages.Length);
            if (i > hubs && rng.NextInt32(100) < 29)
            {
                // Half the derivatives attach to a few popular hubs (cubed uniform: heavy head), half to any earlier model.
                var u = rng.NextInt32(1 << 20) / (double)(1 << 20);
                var p = rng.NextInt32(2) == 0 ? (int)(hubs * u * u * u) : rng.NextInt32(i);
                var r = rng.NextInt32(100);
                var relation = r < 33 ? Relation.Finetune : r < 75 ? Relation.Adapter : r < 93 ? Relation.Quantized : Relation.Merge;
                _parent[i] = p;
                _relation[i] = (byte)relation;
                _family[i] = _family[p];
                edges.Add(new GraphEdge(p, i, relation));
                if (relation == Relation.Merge)
                {
                    edges.Add(new GraphEdge(rng.NextInt32(i), i, relation));
                }
                // Inherit traits; mutations drift downstream (towards later entries of each list).
                _license[i] = Mutate(_license[p], Licenses.Length, 15, ref rng);
                _task[i] = Mutate(_task[p], Tasks.Length, 20, ref rng);
                _library[i] = Mutate(_library[p], Libraries.Length, 10, ref rng);
                _language[i] = Mutate(_language[p], Languages.Length, 12, ref rng);
            }
            var c = rng.NextInt32(100);
            var derived = _parent[i] >= 0 && (Relation)_relation[i] is Relation.Finetune or Relation.Adapter;
            _card[i] = (byte)(c < 33 ? 0 : c < 45 ? 1 : derived && c < 70 ? 3 : 2);
        }
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Id(i);
        }
        Graph = LineageGraph.Build(ids, edges);
        var multiParent = Enumerable.Range(0, count).Where(i => Graph.InDegree(i) > 1).ToArray();
        Genealogy = new GenealogySnapshot(Graph, GraphVariant.All, new long[count], [], [], multiParent);
    }

    public LineageGraph Graph { get; }

    public GenealogySnapshot Genealogy { get; }

    /// <summary>The trait table, measuring every generated card (as the catalog loader does).</summary>
    public NodeTraits Traits()
    {
        var builder = new NodeTraits.Builder(_count);
        for (var i = 0; i < _count; i++)
        {
            builder.Set(i, new TraitRecord
            {
                Licenses = [Licenses[_license[i]]],
                Languages = [Languages[_language[i]]],
                Task = Tasks[_task[i]],
                Library = Libraries[_library[i]],
                Card = Card(i),
            });
        }
        return builder.Build();
    }

    public IEnumerable<NodeText> Read(DnaKind kind, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _count; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            yield return new NodeText(i, kind == DnaKind.Card ? Card(i) : Metadata(i));
        }
    }

    private static byte Mutate(byte value, int length, int percent, ref SeededRandom rng) =>
        rng.NextInt32(100) < percent ? (byte)Math.Min(length - 1, value + 1 + rng.NextInt32(2)) : value;

    private string Id(int i)
    {
        var family = _family[i];
        return $"user{(uint)(i * 2654435761u) % 50_000}/{Words[family % Words.Length]}-{Words[(family / 7) % Words.Length]}-{i.ToString(CultureInfo.InvariantCulture)}";
    }

    private string Metadata(int i)
    {
        var rng = new SeededRandom(_seed ^ ((ulong)i * 0x9E3779B97F4A7C15UL));
        var id = Id(i);
        var sb = new StringBuilder(700);
        sb.Append("{\"_id\":\"").Append(rng.NextUInt64().ToString("x16", CultureInfo.InvariantCulture)).Append("67a1b2c3")
          .Append("\",\"id\":\"").Append(id).Append("\",\"likes\":").Append(rng.NextInt32(50))
          .Append(",\"trendingScore\":0,\"private\":false,\"downloads\":").Append(rng.NextInt32(100_000))
          .Append(",\"tags\":[\"").Append(Libraries[_library[i]]).Append("\",\"safetensors\",\"").Append(Tasks[_task[i]])
          .Append("\",\"").Append(Words[_family[i] % Words.Length]).Append("\",\"").Append(Languages[_language[i]])
          .Append("\",\"license:").Append(Licenses[_license[i]]).Append('"');
        if (_parent[i] >= 0)
        {
            var parent = Id(_parent[i]);
            sb.Append(",\"base_model:").Append(parent).Append("\",\"base_model:").Append(((Relation)_relation[i]).Name()).Append(':').Append(parent).Append('"');
        }
        sb.Append(",\"endpoints_compatible\",\"region:us\"],\"pipeline_tag\":\"").Append(Tasks[_task[i]])
          .Append("\",\"library_name\":\"").Append(Libraries[_library[i]])
          .Append("\",\"createdAt\":\"2024-").Append((1 + i % 12).ToString("00", CultureInfo.InvariantCulture)).Append('-')
          .Append((1 + i % 28).ToString("00", CultureInfo.InvariantCulture)).Append("T12:00:00.000Z\",\"modelId\":\"").Append(id).Append("\"}");
        return sb.ToString();
    }

    private string? Card(int i)
    {
        if (_card[i] == 0)
        {
            return null;
        }
        var rng = new SeededRandom(_seed ^ ((ulong)i * 0xD1B54A32D192ED03UL));
        var family = new SeededRandom(_seed ^ ((ulong)_family[i] * 0x94D049BB133111EBUL));
        var sb = new StringBuilder(1200);
        sb.Append("---\nlicense: ").Append(Licenses[_license[i]]).Append("\nlibrary_name: ").Append(Libraries[_library[i]]).Append('\n');
        if (_parent[i] >= 0)
        {
            sb.Append("base_model: ").Append(Id(_parent[i])).Append('\n');
        }
        sb.Append("---\n# ").Append(Id(i)).Append("\n\n");
        if (_card[i] == 3)
        {
            sb.Append("This model card has been automatically generated by the trainer.\n\n");
        }
        // A family paragraph shared by relatives, then words of this model's own.
        var sentences = _card[i] == 1 ? 2 : 14 + rng.NextInt32(20);
        for (var s = 0; s < sentences; s++)
        {
            ref var source = ref (s % 3 == 2 ? ref rng : ref family);
            for (var w = 0; w < 9; w++)
            {
                sb.Append(Words[source.NextInt32(Words.Length)]).Append(' ');
            }
            sb.Append(".\n");
        }
        return sb.ToString();
    }
}
