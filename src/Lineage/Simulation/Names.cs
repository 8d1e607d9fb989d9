using System.Globalization;
using Kinship.Lineage.Hub;
using Kinship.Randomness;

namespace Kinship.Lineage.Simulation;

/// <summary>Deterministic, unique, Hub-looking model ids: <c>author/stem-suffix-n</c> (the base-36 creation index keeps them unique).</summary>
internal static class Names
{
    private static readonly string[] Organisations = ["aurora-labs", "northwind-ai", "basalt", "lumen-research", "kestrel-ml", "tidewater", "quanta-lab", "meridian", "open-orchard", "foxglove-ai", "cobalt-works", "silverpine"];
    private static readonly string[] Adjectives = ["quiet", "brave", "amber", "lucky", "swift", "misty", "rusty", "sunny", "tiny", "bold", "calm", "dusty", "eager", "fuzzy", "gentle", "hazy", "jolly", "keen", "lively", "mellow"];
    private static readonly string[] Animals = ["otter", "falcon", "badger", "heron", "lynx", "marmot", "newt", "orca", "panda", "quail", "raven", "seal", "tapir", "urchin", "vole", "walrus", "yak", "zebra", "ibex", "gecko"];
    private static readonly string[] Stems = ["Aurora", "Nimbus", "Orca", "Lumen", "Basalt", "Kestrel", "Tide", "Quill", "Meridian", "Orchard", "Foxglove", "Cobalt", "Pine", "Ember", "Vega", "Atlas", "Sable", "Iris", "Nova", "Zephyr"];
    private static readonly string[] Sizes = ["0.5B", "1.8B", "2B", "3B", "7B", "8B", "13B", "70B"];
    private static readonly string[] FinetuneSuffixes = ["sft", "instruct", "ft", "dpo", "chat"];
    private static readonly string[] QuantizedSuffixes = ["GGUF", "AWQ", "GPTQ", "4bit"];

    public static string ModelId(ulong seed, int index, int author, bool foundationRoot, int stemRoot, Relation relation, int stemTask)
    {
        var hash = Hash(seed, stemRoot);
        var owner = foundationRoot ? Numbered(Organisations[author % Organisations.Length], author / Organisations.Length) : User(author);
        var stem = Stems[(int)(hash % (ulong)Stems.Length)] + "-" + Kind(stemTask) + (foundationRoot || Kind(stemTask) == "LM" ? "-" + Sizes[(int)((hash >> 32) % (ulong)Sizes.Length)] : "");
        var suffix = relation switch
        {
            Relation.Finetune => "-" + FinetuneSuffixes[index % FinetuneSuffixes.Length],
            Relation.Adapter => "-lora",
            Relation.Quantized => "-" + QuantizedSuffixes[index % QuantizedSuffixes.Length],
            Relation.Merge => "-merge",
            _ => "",
        };
        return owner + "/" + stem + suffix + "-" + Base36(index);
    }

    private static string User(int author) =>
        Numbered(Adjectives[author % Adjectives.Length] + "-" + Animals[author / Adjectives.Length % Animals.Length], author / (Adjectives.Length * Animals.Length));

    private static string Numbered(string name, int number) => number == 0 ? name : name + number.ToString(CultureInfo.InvariantCulture);

    private static string Kind(int task) => task < 0 ? "Model" : HubMarginals.Tasks[task].Task switch
    {
        "text-generation" or "text2text-generation" or "image-text-to-text" => "LM",
        "text-to-image" => "Diffusion",
        "fill-mask" => "BERT",
        "feature-extraction" or "sentence-similarity" => "Embed",
        "automatic-speech-recognition" or "text-to-speech" or "audio-classification" or "audio-to-audio" => "Audio",
        "reinforcement-learning" => "Agent",
        "image-classification" or "object-detection" or "image-segmentation" or "image-to-text" => "Vision",
        _ => "Classifier",
    };

    private static ulong Hash(ulong seed, int value)
    {
        var state = seed ^ ((ulong)value * 0x9E3779B97F4A7C15UL) ^ 0x5851F42D4C957F2DUL;
        return SplitMix64.Next(ref state);
    }

    private static string Base36(int value)
    {
        Span<char> digits = stackalloc char[8];
        var position = digits.Length;
        do
        {
            var digit = value % 36;
            digits[--position] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            value /= 36;
        }
        while (value > 0);
        return new string(digits[position..]);
    }
}
