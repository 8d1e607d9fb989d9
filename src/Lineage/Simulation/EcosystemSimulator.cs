using Kinship.Files;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kinship.Lineage.Hub;
using Kinship.Randomness;

namespace Kinship.Lineage.Simulation;

/// <summary>
/// Writes a synthetic Hub as JSON Lines in the <c>/api/models</c> listing shape: preferential attachment of children to
/// foundation models gives heavy-tailed families, traits are inherited with per-edge mutation, directed (restrictive →
/// permissive licenses, multilingual → English-only, tasks along the lifecycle) or, as a null model, undirected.
/// </summary>
/// <remarks>
/// Models are created in file order, so every parent appears before its children and <c>createdAt</c> increases down
/// the tree. Shapes and rates follow Laufer et al., "Anatomy of a Machine Learning Ecosystem" (§1.4, §2.3, §4.1, §4.5, §5).
/// The output is a pure function of the options: same seed, same bytes.
/// </remarks>
public static class EcosystemSimulator
{
    /// <summary>The Hub's placeholder <c>createdAt</c> for repositories older than creation dates (2022-03-02T23:29:04Z).</summary>
    public static readonly DateTimeOffset PlaceholderDate = new(2022, 3, 2, 23, 29, 4, TimeSpan.Zero);

    /// <summary>The newest <c>createdAt</c> of the study's snapshot (2025-07-12T17:14:07Z).</summary>
    public static readonly DateTimeOffset SnapshotDate = new(2025, 7, 12, 17, 14, 7, TimeSpan.Zero);

    /// <summary>Simulates into <paramref name="path"/> atomically (a temp file beside it, renamed when complete).</summary>
    public static SimulationSummary WriteFile(SimulationOptions options, string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var file = AtomicFile.Create(path, 1 << 20);
        SimulationSummary summary;
        try
        {
            summary = Write(options, file.Stream, progress, cancellationToken);
        }
        catch (IOException e) when (AtomicFile.IsDiskFull(e))
        {
            throw AtomicFile.DiskFull(file.Path, e);
        }
        file.Commit();
        return summary;
    }

    /// <summary>Simulates into <paramref name="output"/> as JSON Lines, streaming (memory holds a few dozen bytes per model, never the text); progress reports models written.</summary>
    public static SimulationSummary Write(SimulationOptions options, Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        return new Run(options).Write(output, progress, cancellationToken);
    }

    private sealed class Run
    {
        private const int NoValue = -1;
        private const double MeanMergeParents = 3.5;
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

        private readonly SimulationOptions options;
        private readonly SimulationRandom random;
        private readonly TraitDrift drift;
        private readonly int n;
        private readonly int placeholders;
        private readonly double derivedChance, mergeChance;
        private readonly double[] relationWeights;
        private readonly double relationTotal;

        private readonly int[] author, stem, firstParent, children, languageSet, bodySource, bodyLength, headingSource;
        private readonly short[] depth, license, task, library;
        private readonly byte[] relation, cardKind;
        private readonly float[] fitness;
        private readonly bool[] foundation;
        private readonly FenwickSampler attraction;
        private readonly int[] family, familySize;
        private readonly List<string[]> languageSets = [[]];
        private readonly Dictionary<int, List<int>> derivedByStem = [];
        private readonly List<int> foundations = [];
        private readonly List<int> mergeable = [];
        private readonly double[] weight;
        private readonly int ageingStep;
        private readonly Dictionary<string, int> languageSetIds = new(StringComparer.Ordinal) { [""] = 0 };

        private int seriesLast = NoValue, seriesLeft;
        private long previousMilliseconds;

        public Run(SimulationOptions options)
        {
            this.options = options;
            random = new SimulationRandom(options.Seed);
            drift = new TraitDrift(options.NullModel);
            n = options.Models;
            placeholders = Math.Max(1, (int)(n * 0.017));
            derivedChance = n > placeholders ? Math.Min(1.0, options.ParentShare * n / (n - placeholders)) : 0;
            var (adapter, finetune, quantized, merge) = options.EdgeShares;
            var edgeTotal = adapter + finetune + quantized + merge;
            var mergeEdgeShare = merge / edgeTotal;
            // A merge model brings MeanMergeParents edges: solve for the share of derived models that are merges.
            mergeChance = mergeEdgeShare / (MeanMergeParents - mergeEdgeShare * (MeanMergeParents - 1));
            relationWeights = [adapter, finetune, quantized];
            relationTotal = adapter + finetune + quantized;

            author = new int[n];
            stem = new int[n];
            firstParent = new int[n];
            children = new int[n];
            languageSet = new int[n];
            bodySource = new int[n];
            bodyLength = new int[n];
            headingSource = new int[n];
            depth = new short[n];
            license = new short[n];
            task = new short[n];
            library = new short[n];
            relation = new byte[n];
            cardKind = new byte[n];
            fitness = new float[n];
            weight = new double[n];
            ageingStep = Math.Max(1, n / 256);
            foundation = new bool[n];
            attraction = new FenwickSampler(n);
            family = new int[n];
            familySize = new int[n];
        }

        public SimulationSummary Write(Stream output, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            var buffer = new ArrayBufferWriter<byte>(1 << 20);
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            var tags = new List<string>(24);
            var parents = new List<int>(5);
            var parentIds = new List<string>(5);
            var card = options.Cards ? new StringBuilder(16 * 1024) : null;
            var edges = new long[5];
            long withParent = 0, merges = 0, bytes = 0;
            var maxDepth = 0;

            for (var i = 0; i < n; i++)
            {
                if ((i & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(i);
                }
                parents.Clear();
                var kind = Create(i, parents);
                if (parents.Count > 0)
                {
                    withParent++;
                    edges[(int)kind] += parents.Count;
                    if (kind == Relation.Merge) merges++;
                    maxDepth = Math.Max(maxDepth, depth[i]);
                }
                parentIds.Clear();
                foreach (var parent in parents) parentIds.Add(Id(parent));
                var id = Id(i);
                WriteItem(writer, i, id, parentIds, kind, tags, card);
                writer.Flush();
                buffer.Write("\n"u8);
                writer.Reset(buffer);
                if (buffer.WrittenCount > (1 << 20) - (64 << 10) || card is not null)
                {
                    output.Write(buffer.WrittenSpan);
                    bytes += buffer.WrittenCount;
                    buffer.ResetWrittenCount();
                }
            }
            output.Write(buffer.WrittenSpan);
            bytes += buffer.WrittenCount;
            progress?.Report(n);

            return new SimulationSummary(
                n,
                withParent,
                new SortedDictionary<string, long>(StringComparer.Ordinal)
                {
                    ["adapter"] = edges[(int)Relation.Adapter],
                    ["finetune"] = edges[(int)Relation.Finetune],
                    ["quantized"] = edges[(int)Relation.Quantized],
                    ["merge"] = edges[(int)Relation.Merge],
                },
                merges,
                maxDepth,
                LargestFamilies(),
                TopParents(),
                bytes);
        }

        /// <summary>Decides model <paramref name="i"/>: its parents (filled into <paramref name="parents"/>), relation, traits and card.</summary>
        private Relation Create(int i, List<int> parents)
        {
            family[i] = i;
            familySize[i] = 1;
            firstParent[i] = NoValue;
            var kind = Relation.Unknown;
            if (i >= placeholders && random.Chance(derivedChance))
            {
                kind = random.Chance(mergeChance) && i >= 2 ? Relation.Merge : (Relation)(random.Pick(relationWeights, relationTotal) switch { 0 => Relation.Adapter, 1 => Relation.Finetune, _ => Relation.Quantized });
                ChooseParents(i, kind, parents);
                if (parents.Count == 0 && kind == Relation.Merge)
                {
                    kind = Relation.Finetune;
                    ChooseParents(i, kind, parents);
                }
            }
            relation[i] = (byte)kind;
            if (parents.Count == 0)
            {
                CreateRoot(i);
            }
            else
            {
                CreateChild(i, kind, parents);
            }
            weight[i] = fitness[i];
            attraction.Add(i, fitness[i]);
            if (foundation[i]) foundations.Add(i);
            if (i % ageingStep == 0)
            {
                foreach (var f in foundations) Refresh(f, i);
            }
            return kind;
        }

        private void ChooseParents(int i, Relation kind, List<int> parents)
        {
            if (kind == Relation.Finetune && seriesLeft > 0)
            {
                parents.Add(seriesLast);
                seriesLeft--;
                seriesLast = i;
                return;
            }
            if (kind == Relation.Merge)
            {
                ChooseMergeParents(parents);
                return;
            }
            parents.Add(Math.Min(attraction.Sample(random.NextDouble()), i - 1));
            if (kind == Relation.Finetune && random.Chance(options.SeriesShare))
            {
                // A version series: the next fine-tunes continue this one, each from the previous (rare chains reach ~40).
                seriesLeft = Math.Min(40, (int)random.NextPareto(1.2));
                seriesLast = i;
            }
        }

        /// <summary>Merges combine relatives: a fine-tune or merge drawn uniformly (so big families merge most), with 1–4 recent relatives of its family.</summary>
        private void ChooseMergeParents(List<int> parents)
        {
            if (mergeable.Count == 0) return;
            var first = mergeable[random.NextInt(mergeable.Count)];
            var relatives = derivedByStem[stem[first]];
            for (var attempt = 0; attempt < 4 && relatives.Count < 2; attempt++)
            {
                first = mergeable[random.NextInt(mergeable.Count)];
                relatives = derivedByStem[stem[first]];
            }
            var wanted = Math.Min(2 + random.NextInt(4), relatives.Count);
            if (wanted < 2) return;
            parents.Add(first);
            var window = Math.Min(relatives.Count, 256);
            for (var attempt = 0; parents.Count < wanted && attempt < wanted * 8; attempt++)
            {
                var candidate = relatives[relatives.Count - 1 - random.NextInt(window)];
                if (!parents.Contains(candidate)) parents.Add(candidate);
            }
            if (parents.Count < 2) parents.Clear();
        }

        private void CreateRoot(int i)
        {
            var isFoundation = random.Chance(options.FoundationShare);
            foundation[i] = isFoundation;
            stem[i] = i;
            depth[i] = 0;
            fitness[i] = isFoundation ? (float)Math.Min(1e6, 150 * random.NextPareto(options.FoundationTail)) : 1f;
            author[i] = isFoundation ? random.NextInt(Math.Max(8, (int)(n * options.FoundationShare / 4))) : OrdinaryAuthor();
            if (isFoundation)
            {
                task[i] = (short)drift.FoundationTask(random);
                library[i] = (short)drift.LibraryFor(task[i], random, foundationModel: true);
                license[i] = (short)drift.FoundationLicense(random);
                languageSet[i] = Intern(drift.FoundationLanguages(random, task[i]));
            }
            else
            {
                task[i] = (short)(random.Chance(HubMarginals.TaskShare) ? drift.DrawTask(random) : NoValue);
                library[i] = (short)(random.Chance(HubMarginals.LibraryShare) ? drift.LibraryFor(task[i], random, foundationModel: false) : NoValue);
                license[i] = (short)(random.Chance(TraitDrift.RootLicenseShare) ? drift.DrawLicense(random) : NoValue);
                languageSet[i] = random.Chance(TraitDrift.RootLanguageShare) ? Intern(drift.DrawLanguages(random)) : 0;
            }
            var hasCard = isFoundation || random.Chance(0.5);
            cardKind[i] = (byte)(hasCard ? 1 : 0);
            bodySource[i] = i;
            headingSource[i] = i;
            bodyLength[i] = hasCard ? (int)Math.Clamp(random.NextLogNormal(isFoundation ? 9000 : 2500, 0.7), 200, 60000) : 0;
        }

        private void CreateChild(int i, Relation kind, List<int> parents)
        {
            var p = parents[0];
            firstParent[i] = p;
            stem[i] = stem[p];
            author[i] = OrdinaryAuthor();
            var generation = 0;
            foreach (var parent in parents)
            {
                generation = Math.Max(generation, depth[parent] + 1);
                children[parent]++;
                Refresh(parent, i);
                Union(i, parent);
            }
            depth[i] = (short)generation;
            if (kind is Relation.Finetune or Relation.Merge)
            {
                if (!derivedByStem.TryGetValue(stem[i], out var relatives)) derivedByStem.Add(stem[i], relatives = []);
                relatives.Add(i);
                mergeable.Add(i);
            }
            fitness[i] = kind switch
            {
                Relation.Finetune => (float)random.NextLogNormal(0.12, 1.3),
                Relation.Merge => 0.15f,
                Relation.Quantized => 0.04f,
                _ => 0.02f,
            };

            // Licenses, languages and tasks: inherited, sometimes dropped, sometimes mutated (per edge, from the first parent).
            license[i] = license[p] != NoValue
                ? (short)(random.Chance(0.6) ? (random.Chance(options.LicenseMutation) ? MutateLicense(license[p]) : license[p]) : NoValue)
                : (short)(random.Chance(0.12) ? drift.DrawLicense(random) : NoValue);
            languageSet[i] = languageSet[p] != 0
                ? (random.Chance(0.55) ? (random.Chance(options.LanguageMutation) ? MutateLanguages(languageSet[p]) : languageSet[p]) : 0)
                : (random.Chance(0.03) ? Intern(drift.DrawLanguages(random)) : 0);
            task[i] = task[p] != NoValue
                ? (short)(random.Chance(0.92) ? (random.Chance(options.TaskMutation) ? MutateTask(task[p]) : task[p]) : NoValue)
                : (short)(random.Chance(0.3) ? drift.DrawTask(random) : NoValue);
            library[i] = (short)drift.ChildLibrary(library[p], kind, random);

            // Cards: children nearly always have one; fine-tunes and adapters often get a generated template, the rest copy a shrinking prefix.
            if (!random.Chance(0.996))
            {
                cardKind[i] = 0;
                return;
            }
            var templateChance = kind switch { Relation.Finetune => 0.5, Relation.Adapter => 0.3, Relation.Quantized => 0.005, _ => 0.0 };
            if (random.Chance(templateChance))
            {
                cardKind[i] = 2;
                return;
            }
            cardKind[i] = 1;
            headingSource[i] = i;
            if (options.NullModel && kind != Relation.Merge && cardKind[p] is 1 or 3)
            {
                // Asexual reproduction: the child's card is its parent's card, point-mutated on its own (siblings diverge independently).
                cardKind[i] = 3;
                headingSource[i] = headingSource[p];
                bodySource[i] = bodySource[p];
                bodyLength[i] = bodyLength[p];
            }
            else if (kind != Relation.Merge && cardKind[p] is 1 or 3)
            {
                bodySource[i] = bodySource[p];
                bodyLength[i] = (int)(bodyLength[p] * (kind == Relation.Quantized ? 0.55 + 0.3 * random.NextDouble() : 0.25 + 0.4 * random.NextDouble()));
            }
            else
            {
                bodySource[i] = i;
                bodyLength[i] = (int)Math.Clamp(random.NextLogNormal(kind == Relation.Merge ? 1500 : 2000, 0.6), 100, 30000);
            }
        }

        /// <summary>
        /// A child's changed license. Directed: forward along the drift. Null model: the license of another model drawn the
        /// way parents are drawn (by attraction), so a trait moves i→j as often as j→i and no ordering is favoured.
        /// </summary>
        private int MutateLicense(int parentLicense)
        {
            if (!options.NullModel) return drift.MutateLicense(parentLicense, random);
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var peer = attraction.Sample(random.NextDouble());
                if (license[peer] != NoValue && license[peer] != parentLicense) return license[peer];
            }
            return drift.MutateLicense(parentLicense, random);
        }

        /// <summary>A child's changed task: directed, to the same or a later lifecycle stage; null model, the task of another model drawn as parents are drawn.</summary>
        private int MutateTask(int parentTask)
        {
            if (!options.NullModel) return drift.MutateTask(parentTask, random);
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var peer = attraction.Sample(random.NextDouble());
                if (task[peer] != NoValue && task[peer] != parentTask) return task[peer];
            }
            return drift.MutateTask(parentTask, random);
        }

        /// <summary>A child's changed languages: directed, narrowed towards English; null model, the declaration of another model drawn as parents are drawn.</summary>
        private int MutateLanguages(int parentSet)
        {
            if (!options.NullModel) return Intern(drift.MutateLanguages(languageSets[parentSet], random));
            for (var attempt = 0; attempt < 16; attempt++)
            {
                var peer = attraction.Sample(random.NextDouble());
                if (languageSet[peer] != 0 && languageSet[peer] != parentSet) return languageSet[peer];
            }
            return Intern(drift.MutateLanguages(languageSets[parentSet], random));
        }

        /// <summary>
        /// Preferential attachment with ageing: a model's pull on new children is its fitness times (1 + children)^exponent,
        /// and a foundation model's pull fades as newer models arrive (so each era has its own dominant families).
        /// </summary>
        private double Attraction(int i, int now)
        {
            var pull = fitness[i] * Math.Pow(1 + children[i], options.AttachmentExponent);
            return foundation[i] ? pull * Math.Exp(-(now - i) / (options.FoundationLifetime * n)) : pull;
        }

        private void Refresh(int i, int now)
        {
            var pull = Attraction(i, now);
            attraction.Add(i, pull - weight[i]);
            weight[i] = pull;
        }

        private int OrdinaryAuthor()
        {
            var u = random.NextDouble();
            return (int)(Math.Max(16, n / 6) * u * u * u);
        }

        private int Intern(string[] languages)
        {
            if (languages.Length == 0) return 0;
            var key = string.Join(',', languages);
            if (languageSetIds.TryGetValue(key, out var id)) return id;
            id = languageSets.Count;
            languageSets.Add(languages);
            languageSetIds.Add(key, id);
            return id;
        }

        private void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b) return;
            if (familySize[a] < familySize[b]) (a, b) = (b, a);
            family[b] = a;
            familySize[a] += familySize[b];
        }

        private int Find(int x)
        {
            while (family[x] != x)
            {
                family[x] = family[family[x]];
                x = family[x];
            }
            return x;
        }

        private List<(string Root, int Size)> LargestFamilies()
        {
            // The earliest model of a family is parentless (parents precede children), so it names the family.
            var earliest = new Dictionary<int, int>();
            for (var i = 0; i < n; i++)
            {
                var root = Find(i);
                if (familySize[root] > 1) earliest.TryAdd(root, i);
            }
            return
            [
                .. earliest.Select(pair => (Root: pair.Value, Size: familySize[pair.Key]))
                    .OrderByDescending(f => f.Size).ThenBy(f => f.Root).Take(10)
                    .Select(f => (Id(f.Root), f.Size)),
            ];
        }

        private List<(string Id, int Children)> TopParents() =>
        [
            .. Enumerable.Range(0, n).Where(i => children[i] > 0)
                .OrderByDescending(i => children[i]).ThenBy(i => i).Take(10)
                .Select(i => (Id(i), children[i])),
        ];

        private string Id(int i) => Names.ModelId(options.Seed, i, author[i], foundation[stem[i]] && stem[i] == i, stem[i], (Relation)relation[i], task[stem[i]]);

        private DateTimeOffset CreatedAt(int i)
        {
            if (i < placeholders) return PlaceholderDate;
            // Exponential growth of the Hub: the creation rate rises twentyfold between the placeholder date and the snapshot.
            const double growth = 20.0;
            var f = (i - placeholders + 1.0) / (n - placeholders + 1.0);
            var span = (SnapshotDate - PlaceholderDate).TotalMilliseconds;
            var at = (long)(span * Math.Log(1 + f * (growth - 1)) / Math.Log(growth));
            at = Math.Max(at, previousMilliseconds + 1);
            previousMilliseconds = at;
            return PlaceholderDate.AddMilliseconds(at);
        }

        /// <summary>
        /// The expanded fields (<c>cardData</c>, <c>config</c>, <c>siblings</c>) from a generator of this model's own, so the
        /// listing fields stay the same bytes. The whole record's length is drawn log-normally around the real records'
        /// median (5,350 characters, spread σ = 0.45, 1,300–14,000; measured on the shared real families, docs/benchmarks.md)
        /// and filled up by the file list, which is what makes real records long (≈ 30 % siblings, 25 % config).
        /// </summary>
        private void WriteExpanded(Utf8JsonWriter writer, long start, int i, string id, List<string> parentIds, Relation kind, string? taskName,
            string? libraryName, string? licenseName, string[] languages, List<string> tags)
        {
            var own = new SimulationRandom(BodySeed(i) ^ 0x2545_F491_4F6C_DD1DUL);
            var target = (long)Math.Clamp(own.NextLogNormal(5_350, 0.45), 1_300, 14_000);
            writer.WriteStartObject("cardData");
            if (licenseName is not null) writer.WriteString("license", licenseName);
            if (languages.Length > 0)
            {
                writer.WriteStartArray("language");
                foreach (var language in languages) writer.WriteStringValue(language);
                writer.WriteEndArray();
            }
            if (parentIds.Count > 0)
            {
                writer.WriteStartArray("base_model");
                foreach (var parent in parentIds) writer.WriteStringValue(parent);
                writer.WriteEndArray();
                writer.WriteString("base_model_relation", kind.Name());
            }
            if (libraryName is not null) writer.WriteString("library_name", libraryName);
            if (taskName is not null) writer.WriteString("pipeline_tag", taskName);
            writer.WriteStartArray("tags");
            foreach (var tag in tags.Where(t => !t.Contains(':', StringComparison.Ordinal))) writer.WriteStringValue(tag);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("config");
            var family = stem[i] % 6;
            string[] architectures = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Gemma3ForCausalLM", "Phi3ForCausalLM", "BertModel"];
            string[] types = ["llama", "mistral", "qwen2", "gemma3", "phi3", "bert"];
            writer.WriteStartArray("architectures");
            writer.WriteStringValue(architectures[family]);
            writer.WriteEndArray();
            writer.WriteString("model_type", types[family]);
            writer.WriteStartObject("tokenizer_config");
            writer.WriteString("bos_token", "<s>");
            writer.WriteString("eos_token", "</s>");
            writer.WriteString("pad_token", own.Chance(0.5) ? "<pad>" : "</s>");
            writer.WriteString("unk_token", "<unk>");
            if (own.Chance(0.6))
            {
                // Chat templates are the long part of real configs.
                writer.WriteString("chat_template", "{% for message in messages %}{{ '<|' + message['role'] + '|>\n' + message['content'] + eos_token }}{% endfor %}"
                    + (own.Chance(0.5) ? "{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}" : ""));
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("siblings");
            string[] always = [".gitattributes", "README.md", "config.json"];
            foreach (var file in always)
            {
                writer.WriteStartObject();
                writer.WriteString("rfilename", file);
                writer.WriteEndObject();
            }
            var shards = 1 + own.NextInt(12);
            var extension = libraryName == "gguf" || kind == Relation.Quantized ? "gguf" : "safetensors";
            var name = id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
            for (var k = 0; writer.BytesCommitted + writer.BytesPending - start < target - 80; k++)
            {
                writer.WriteStartObject();
                writer.WriteString("rfilename", k switch
                {
                    0 => "generation_config.json",
                    1 => "tokenizer.json",
                    2 => "tokenizer_config.json",
                    3 => "special_tokens_map.json",
                    _ when k - 4 < shards => extension == "gguf"
                        ? $"{name}.Q{2 + (k % 7)}_K_M.gguf"
                        : $"model-{k - 3:00000}-of-{shards:00000}.safetensors",
                    _ => $"checkpoint-{(k - 3 - shards) * 500}/optimizer.pt",
                });
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        private void WriteItem(Utf8JsonWriter writer, int i, string id, List<string> parentIds, Relation kind, List<string> tags, StringBuilder? card)
        {
            var created = CreatedAt(i);
            var popularity = foundation[i] ? 1000.0 : Math.Max(0.02, fitness[i]) * (1 + children[i]);
            var downloads = random.Chance(foundation[i] ? 1.0 : 0.45) ? (long)random.NextLogNormal(30 * popularity, 1.5) : 0;
            var likes = random.Chance(foundation[i] ? 1.0 : 0.2) ? (long)random.NextLogNormal(foundation[i] ? 300 : 2, 1.2) : 0;
            var trending = random.Chance(0.05) ? random.NextInt(foundation[i] ? 200 : 5) : 0;
            var taskName = task[i] == NoValue ? null : HubMarginals.Tasks[task[i]].Task;
            var libraryName = library[i] == NoValue ? null : HubMarginals.Libraries[library[i]].Library;
            var licenseName = license[i] == NoValue ? null : HubMarginals.Licenses[license[i]].License;
            var languages = languageSets[languageSet[i]];

            tags.Clear();
            if (libraryName is not null) tags.Add(libraryName);
            if (libraryName is "transformers" or "diffusers" or "peft" or "sentence-transformers") tags.Add("safetensors");
            if (kind == Relation.Quantized && libraryName != "gguf") tags.Add("gguf");
            if (taskName is not null) tags.Add(taskName);
            if (kind == Relation.Merge) { tags.Add("mergekit"); tags.Add("merge"); }
            tags.AddRange(languages);
            foreach (var parent in parentIds) tags.Add("base_model:" + parent);
            foreach (var parent in parentIds) tags.Add("base_model:" + kind.Name() + ":" + parent);
            if (licenseName is not null) tags.Add("license:" + licenseName);
            tags.Add("region:us");

            var itemStart = writer.BytesCommitted + writer.BytesPending;
            writer.WriteStartObject();
            writer.WriteString("_id", ObjectId(created, i));
            writer.WriteString("id", id);
            writer.WriteNumber("likes", likes);
            writer.WriteNumber("trendingScore", trending);
            writer.WriteBoolean("private", false);
            writer.WriteNumber("downloads", downloads);
            writer.WriteStartArray("tags");
            foreach (var tag in tags) writer.WriteStringValue(tag);
            writer.WriteEndArray();
            if (taskName is not null) writer.WriteString("pipeline_tag", taskName);
            if (libraryName is not null) writer.WriteString("library_name", libraryName);
            writer.WriteString("createdAt", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("modelId", id);
            if (options.Shape == ListingShape.Full)
            {
                WriteExpanded(writer, itemStart, i, id, parentIds, kind, taskName, libraryName, licenseName, languages, tags);
            }
            if (card is not null)
            {
                if (cardKind[i] == 0)
                {
                    writer.WriteNull("cardText");
                }
                else
                {
                    card.Clear();
                    CardComposer.AppendFrontMatter(card, licenseName, languages, cardKind[i] == 3 ? [] : parentIds, kind, taskName, libraryName, cardKind[i] == 2);
                    if (cardKind[i] == 3)
                    {
                        // The null model's copy: the parent's heading and body, then this child's own point mutations.
                        var source = headingSource[i];
                        var start = card.Length;
                        CardComposer.AppendHeading(card, Id(source), firstParent[source] == NoValue ? [] : [Id(firstParent[source])], (Relation)relation[source]);
                        CardComposer.AppendBody(card, BodySeed(bodySource[i]), bodyLength[i]);
                        CardComposer.PointMutate(card, start, new SimulationRandom(BodySeed(i) ^ 0x5851_F42D_4C95_7F2DUL));
                    }
                    else if (cardKind[i] == 2)
                    {
                        // Cards draw from their own generator, so --cards changes no other byte of the Hub.
                        CardComposer.AppendTemplate(card, new SimulationRandom(BodySeed(i) ^ 0xA076_1D64_78BD_642FUL), id, parentIds[0], kind);
                    }
                    else
                    {
                        CardComposer.AppendHeading(card, id, parentIds, kind);
                        CardComposer.AppendBody(card, BodySeed(bodySource[i]), bodyLength[i]);
                    }
                    writer.WriteString("cardText", card.ToString());
                }
            }
            writer.WriteEndObject();
        }

        private ulong BodySeed(int source)
        {
            var state = options.Seed ^ ((ulong)source * 0xD1B54A32D192ED03UL);
            return SplitMix64.Next(ref state);
        }

        private string ObjectId(DateTimeOffset created, int i)
        {
            // A Mongo ObjectId as the Hub shows it: 4 bytes of creation time, then 8 bytes unique to the model.
            var state = options.Seed * 0x9E3779B97F4A7C15UL + (ulong)i;
            var tail = SplitMix64.Next(ref state);
            return string.Create(24, ((uint)created.ToUnixTimeSeconds(), tail), static (span, value) =>
            {
                value.Item1.TryFormat(span[..8], out _, "x8", CultureInfo.InvariantCulture);
                value.tail.TryFormat(span[8..], out _, "x16", CultureInfo.InvariantCulture);
            });
        }
    }
}
