using System.Globalization;
using System.Text;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Simulation;

/// <summary>Writes synthetic model cards: prose bodies that children copy a shrinking prefix of, and the short templates fine-tunes and adapters get.</summary>
internal static class CardComposer
{
    /// <summary>The phrase the study uses to flag generated cards (§1.2: "automatically generated" / "generated automatically").</summary>
    public const string GeneratedPhrase = "automatically generated";

    private static readonly string[] Headings =
    [
        "Model description", "Intended uses", "Limitations", "Training data", "Training procedure", "Evaluation", "How to use",
        "Bias and risks", "Environmental impact", "Citation", "Results", "Technical specifications",
    ];

    private static readonly string[] Words =
    [
        "the", "model", "data", "training", "language", "tokens", "we", "evaluate", "a", "on", "with", "of", "and", "to", "in",
        "benchmark", "accuracy", "fine-tuning", "dataset", "context", "parameters", "layers", "attention", "instruction", "chat",
        "performance", "results", "users", "should", "not", "use", "this", "for", "generation", "tasks", "reasoning", "code",
        "math", "safety", "alignment", "preference", "optimization", "learning", "rate", "batch", "epochs", "checkpoint",
        "released", "under", "license", "research", "commercial", "multilingual", "english", "quality", "filtered", "web",
        "corpus", "pretraining", "supervised", "reward", "human", "feedback", "inference", "hardware", "GPU", "hours", "carbon",
        "emissions", "limitations", "biases", "outputs", "may", "contain", "errors", "downstream", "applications", "deploy",
        "responsibly", "evaluation", "metrics", "perplexity", "scores", "table", "below", "shows", "compared", "baseline",
        "improves", "over", "previous", "version", "architecture", "decoder", "transformer", "vocabulary", "tokenizer",
        "sequence", "length", "window", "precision", "weights", "quantization", "memory", "latency", "throughput",
    ];

    /// <summary>Appends exactly <paramref name="length"/> characters of the prose body identified by <paramref name="bodySeed"/>; every length gives a prefix of the same text.</summary>
    public static void AppendBody(StringBuilder card, ulong bodySeed, int length)
    {
        var start = card.Length;
        var random = new SimulationRandom(bodySeed);
        while (card.Length - start < length)
        {
            card.Append("## ").Append(Headings[random.NextInt(Headings.Length)]).Append("\n\n");
            var sentences = 3 + random.NextInt(5);
            for (var s = 0; s < sentences && card.Length - start < length; s++)
            {
                var words = 8 + random.NextInt(14);
                for (var w = 0; w < words; w++)
                {
                    var word = Words[random.NextInt(Words.Length)];
                    if (w == 0)
                    {
                        card.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                    }
                    else
                    {
                        card.Append(' ').Append(word);
                    }
                }
                card.Append(s + 1 < sentences ? ". " : ".\n\n");
            }
        }
        card.Length = start + length;
    }

    /// <summary>Replaces a few words after <paramref name="start"/> with words of the vocabulary (one every ~150 characters, at random places): the independent edits of a copied card.</summary>
    public static void PointMutate(StringBuilder card, int start, SimulationRandom random)
    {
        var length = card.Length - start;
        var edits = 1 + length / 150;
        for (var e = 0; e < edits; e++)
        {
            var at = start + random.NextInt(Math.Max(1, length));
            while (at < card.Length && char.IsLetter(card[at]) && at > start && char.IsLetter(card[at - 1])) at--;
            var end = at;
            while (end < card.Length && char.IsLetter(card[end])) end++;
            if (end == at) continue;
            card.Remove(at, end - at).Insert(at, Words[random.NextInt(Words.Length)]);
        }
    }

    /// <summary>Appends the YAML front matter the Hub reads card metadata from.</summary>
    public static void AppendFrontMatter(StringBuilder card, string? license, IReadOnlyList<string> languages, IReadOnlyList<string> parents, Relation relation, string? task, string? library, bool generated)
    {
        card.Append("---\n");
        if (license is not null) card.Append("license: ").Append(license).Append('\n');
        if (languages.Count > 0)
        {
            card.Append("language:\n");
            foreach (var language in languages) card.Append("- ").Append(language).Append('\n');
        }
        if (parents.Count == 1)
        {
            card.Append("base_model: ").Append(parents[0]).Append('\n');
        }
        else if (parents.Count > 1)
        {
            card.Append("base_model:\n");
            foreach (var parent in parents) card.Append("- ").Append(parent).Append('\n');
        }
        if (parents.Count > 0) card.Append("base_model_relation: ").Append(relation.Name()).Append('\n');
        if (task is not null) card.Append("pipeline_tag: ").Append(task).Append('\n');
        if (library is not null) card.Append("library_name: ").Append(library).Append('\n');
        if (generated) card.Append("tags:\n- generated_from_trainer\n");
        card.Append("---\n\n");
    }

    /// <summary>Appends the short card a training tool writes for a fine-tune or an adapter, flagged as automatically generated.</summary>
    public static void AppendTemplate(StringBuilder card, SimulationRandom random, string id, string parent, Relation relation)
    {
        card.Append("<!-- This card was ").Append(GeneratedPhrase).Append(" from the training run's logs; review it and add what the run could not know. -->\n\n");
        card.Append("# ").Append(Name(id)).Append("\n\n");
        card.Append(relation == Relation.Adapter ? "An adapter trained on top of " : "A fine-tuned version of ");
        card.Append('[').Append(parent).Append("](https://huggingface.co/").Append(parent).Append(") on an unspecified dataset.\n\n");
        card.Append("## Training hyperparameters\n\n");
        card.Append("- learning_rate: ").Append((1 + random.NextInt(9)).ToString(CultureInfo.InvariantCulture)).Append("e-0").Append((4 + random.NextInt(3)).ToString(CultureInfo.InvariantCulture)).Append('\n');
        card.Append("- train_batch_size: ").Append((1 << (1 + random.NextInt(6))).ToString(CultureInfo.InvariantCulture)).Append('\n');
        card.Append("- seed: ").Append(random.NextInt(100).ToString(CultureInfo.InvariantCulture)).Append('\n');
        card.Append("- num_epochs: ").Append((1 + random.NextInt(10)).ToString(CultureInfo.InvariantCulture)).Append("\n\n");
        card.Append("## Framework versions\n\n");
        card.Append(relation == Relation.Adapter ? "- PEFT 0." : "- Transformers 4.").Append((10 + random.NextInt(40)).ToString(CultureInfo.InvariantCulture)).Append(".0\n");
        card.Append("- Pytorch 2.").Append(random.NextInt(6).ToString(CultureInfo.InvariantCulture)).Append(".0\n");
    }

    /// <summary>Appends the heading of a card written by hand: the model's name and one line on where it comes from.</summary>
    public static void AppendHeading(StringBuilder card, string id, IReadOnlyList<string> parents, Relation relation)
    {
        card.Append("# ").Append(Name(id)).Append("\n\n");
        if (parents.Count == 0) return;
        card.Append(relation switch
        {
            Relation.Quantized => "Quantized weights of ",
            Relation.Merge => "A merge, made with mergekit, of ",
            Relation.Adapter => "A LoRA adapter for ",
            _ => "Further trained from ",
        });
        for (var i = 0; i < parents.Count; i++)
        {
            if (i > 0) card.Append(i + 1 == parents.Count ? " and " : ", ");
            card.Append('[').Append(parents[i]).Append("](https://huggingface.co/").Append(parents[i]).Append(')');
        }
        card.Append(".\n\n");
    }

    private static ReadOnlySpan<char> Name(string id) => id.AsSpan(id.IndexOf('/', StringComparison.Ordinal) + 1);
}
