using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Simulation;

/// <summary>
/// Draws traits from the study's marginals and mutates them along an edge. Directed mode moves only forward along the
/// study's drift (§4.2): license category never becomes more restrictive, language sets shrink towards English-only,
/// tasks advance along the lifecycle (features → generation → classification → RL). The null model replaces a mutated
/// trait with an independent draw from its marginal ("standard asexual reproduction"); the simulator itself draws the null
/// model's licenses, languages and tasks from peers chosen as parents are, and falls back to these draws.
/// </summary>
public sealed class TraitDrift(bool nullModel)
{
    /// <summary>Share of parentless models that declare a license.</summary>
    public const double RootLicenseShare = 0.33;
    /// <summary>Share of parentless models that declare a language.</summary>
    public const double RootLanguageShare = 0.11;

    private static readonly (string License, double Share)[] FoundationLicenses =
    [
        ("apache-2.0", 0.33), ("mit", 0.09), ("other", 0.05), ("llama2", 0.05), ("llama3", 0.06), ("llama3.1", 0.05), ("llama3.2", 0.03),
        ("llama3.3", 0.01), ("gemma", 0.07), ("openrail", 0.05), ("creativeml-openrail-m", 0.06), ("cc-by-nc-4.0", 0.06),
        ("openrail++", 0.03), ("cc-by-4.0", 0.02), ("cc-by-nc-sa-4.0", 0.01),
    ];

    private static readonly (string Task, double Share)[] FoundationTasks =
    [
        ("text-generation", 0.52), ("text-to-image", 0.14), ("fill-mask", 0.08), ("feature-extraction", 0.04), ("automatic-speech-recognition", 0.05),
        ("text-classification", 0.04), ("image-classification", 0.04), ("image-text-to-text", 0.03), ("sentence-similarity", 0.03), ("text2text-generation", 0.03),
    ];

    /// <summary>A license index (into <see cref="HubMarginals.Licenses"/>) drawn from the marginal.</summary>
    public int DrawLicense(SimulationRandom random) => Draw(random, HubMarginals.Licenses.Count, i => HubMarginals.Licenses[i].Share);

    /// <summary>A task index (into <see cref="HubMarginals.Tasks"/>) drawn from the marginal.</summary>
    public int DrawTask(SimulationRandom random) => Draw(random, HubMarginals.Tasks.Count, i => HubMarginals.Tasks[i].Share);

    /// <summary>A foundation model's license: commercial and use-restricted licenses are far commoner among the models others build on.</summary>
    public int FoundationLicense(SimulationRandom random) => LicenseIndex(FoundationLicenses[Draw(random, FoundationLicenses.Length, i => FoundationLicenses[i].Share)].License);

    /// <summary>A foundation model's task.</summary>
    public int FoundationTask(SimulationRandom random) => TaskIndex(FoundationTasks[Draw(random, FoundationTasks.Length, i => FoundationTasks[i].Share)].Task);

    /// <summary>A language declaration drawn from the marginal: mostly one language (English in 86% of declarations), sometimes many.</summary>
    public string[] DrawLanguages(SimulationRandom random) =>
        random.Chance(0.92) ? [DrawLanguage(random)] : Multilingual(random, includeEnglish: random.Chance(0.8));

    /// <summary>A foundation model's languages: text models often declare many.</summary>
    public string[] FoundationLanguages(SimulationRandom random, int task)
    {
        var name = task < 0 ? null : HubMarginals.Tasks[task].Task;
        if (name is "text-generation" or "fill-mask" or "text2text-generation" or "automatic-speech-recognition" or "feature-extraction")
        {
            var u = random.NextDouble();
            return u < 0.45 ? Multilingual(random, includeEnglish: random.Chance(0.95)) : u < 0.85 ? ["en"] : [];
        }
        return random.Chance(0.3) ? ["en"] : [];
    }

    /// <summary>A library index for a parentless model with this task (−1 for none).</summary>
    public int LibraryFor(int task, SimulationRandom random, bool foundationModel)
    {
        var name = task < 0 ? null : HubMarginals.Tasks[task].Task;
        var u = random.NextDouble();
        var library = name switch
        {
            "text-to-image" => "diffusers",
            "reinforcement-learning" => u < 0.30 ? "stable-baselines3" : u < 0.45 ? "ml-agents" : u < 0.55 ? "sample-factory" : null,
            "sentence-similarity" or "feature-extraction" => u < 0.5 ? "sentence-transformers" : "transformers",
            "image-classification" => u < 0.3 ? "timm" : u < 0.35 ? "keras" : "transformers",
            "text-classification" => u < 0.05 ? "adapter-transformers" : u < 0.09 ? "tf-keras" : "transformers",
            null => u < 0.45 ? "transformers" : u < 0.60 ? "pytorch" : u < 0.66 ? "keras" : u < 0.72 ? "tf-keras" : u < 0.80 ? "mlx" : u < 0.85 ? "gguf" : null,
            _ => foundationModel || u < 0.96 ? "transformers" : u < 0.98 ? "mlx" : "keras",
        };
        return library is null ? -1 : LibraryIndex(library);
    }

    /// <summary>A child's library (−1 for none): adapters are PEFT (or diffusers LoRAs), quantizations often GGUF files without a library, merges transformers, fine-tunes keep the parent's.</summary>
    public int ChildLibrary(int parentLibrary, Relation relation, SimulationRandom random)
    {
        var parent = parentLibrary < 0 ? null : HubMarginals.Libraries[parentLibrary].Library;
        var library = relation switch
        {
            Relation.Adapter => parent == "diffusers" && random.Chance(0.4) ? "diffusers" : random.Chance(0.985) ? "peft" : "adapter-transformers",
            Relation.Quantized => random.Chance(0.45) ? null : random.Chance(0.05) ? "mlx" : parent is null or "peft" ? "transformers" : parent,
            Relation.Merge => "transformers",
            _ => parent is null or "peft" or "gguf" or "adapter-transformers" ? "transformers" : parent,
        };
        return library is null ? -1 : LibraryIndex(library);
    }

    /// <summary>A mutated license: directed, never to a more restrictive category (so gemma/llama → apache-2.0/mit); null model, any other license by its share.</summary>
    public int MutateLicense(int license, SimulationRandom random)
    {
        var licenses = HubMarginals.Licenses;
        var category = licenses[license].Category;
        return DrawExcept(random, licenses.Count, license, i => nullModel || licenses[i].Category >= category ? licenses[i].Share : 0);
    }

    /// <summary>A mutated task: directed, to a task at the same or a later lifecycle stage; null model, any other task by its share.</summary>
    public int MutateTask(int task, SimulationRandom random)
    {
        var tasks = HubMarginals.Tasks;
        var stage = tasks[task].Stage;
        return DrawExcept(random, tasks.Count, task, i => nullModel || tasks[i].Stage >= stage ? tasks[i].Share : 0);
    }

    /// <summary>Mutated languages: directed, a multilingual set narrows to English (or one of its languages) and a single language becomes English; English-only stays. Null model, a fresh draw.</summary>
    public string[] MutateLanguages(string[] languages, SimulationRandom random)
    {
        if (nullModel)
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var fresh = DrawLanguages(random);
                if (!fresh.AsSpan().SequenceEqual(languages)) return fresh;
            }
            return languages;
        }
        if (languages.Length >= 2)
        {
            var hasEnglish = Array.IndexOf(languages, "en") >= 0;
            return hasEnglish && random.Chance(0.85) ? ["en"] : [languages[random.NextInt(languages.Length)]];
        }
        return ["en"];
    }

    // English is declared by 85.56% of the models that declare a language; the rest spread by their shares.
    private static string DrawLanguage(SimulationRandom random) =>
        random.Chance(HubMarginals.Languages[0].Share) ? "en" : HubMarginals.Languages[1 + Draw(random, HubMarginals.Languages.Count - 1, i => HubMarginals.Languages[i + 1].Share)].Code;

    private string[] Multilingual(SimulationRandom random, bool includeEnglish)
    {
        var count = Math.Min(HubMarginals.Languages.Count, 2 + (int)random.NextPareto(1.3));
        var chosen = new bool[HubMarginals.Languages.Count];
        chosen[0] = includeEnglish;
        var picked = includeEnglish ? 1 : 0;
        for (var attempt = 0; picked < count && attempt < count * 8; attempt++)
        {
            var index = 1 + Draw(random, HubMarginals.Languages.Count - 1, i => HubMarginals.Languages[i + 1].Share);
            if (!chosen[index]) { chosen[index] = true; picked++; }
        }
        if (picked < 2)
        {
            chosen[1] = true;
            chosen[2] = true;
        }
        return [.. HubMarginals.Languages.Where((_, i) => chosen[i]).Select(l => l.Code)];
    }

    private static int Draw(SimulationRandom random, int count, Func<int, double> weight) => DrawExcept(random, count, -1, weight);

    private static int DrawExcept(SimulationRandom random, int count, int except, Func<int, double> weight)
    {
        var total = 0.0;
        for (var i = 0; i < count; i++) if (i != except) total += weight(i);
        if (total <= 0) return except;
        var u = random.NextDouble() * total;
        var last = except;
        for (var i = 0; i < count; i++)
        {
            if (i == except) continue;
            var w = weight(i);
            if (w <= 0) continue;
            last = i;
            u -= w;
            if (u < 0) return i;
        }
        return last;
    }

    private static int LicenseIndex(string name) => IndexOf(HubMarginals.Licenses.Select(l => l.License), name);
    private static int TaskIndex(string name) => IndexOf(HubMarginals.Tasks.Select(t => t.Task), name);
    private static int LibraryIndex(string name) => IndexOf(HubMarginals.Libraries.Select(l => l.Library), name);

    private static int IndexOf(IEnumerable<string> names, string name)
    {
        var index = 0;
        foreach (var candidate in names)
        {
            if (candidate == name) return index;
            index++;
        }
        throw new InvalidOperationException($"'{name}' is not in the simulator's tables");
    }
}
