namespace Kinship.Lineage.Hub;

/// <summary>How a child model derives from a declared parent (the Hub's <c>base_model</c> relation).</summary>
public enum Relation : byte
{
    /// <summary>Declared with the untyped <c>base_model:X</c> tag only.</summary>
    Unknown = 0,
    Finetune = 1,
    Adapter = 2,
    Quantized = 3,
    Merge = 4,
}

/// <summary>Parsing and naming of <see cref="Relation"/> values as the Hub writes them.</summary>
public static class Relations
{
    /// <summary>Every relation, in enum order.</summary>
    public static readonly IReadOnlyList<Relation> All = [Relation.Unknown, Relation.Finetune, Relation.Adapter, Relation.Quantized, Relation.Merge];

    /// <summary>The Hub's lower-case name of a relation (<c>finetune</c>, <c>adapter</c>, <c>quantized</c>, <c>merge</c>, <c>unknown</c>).</summary>
    public static string Name(this Relation relation) => relation switch
    {
        Relation.Finetune => "finetune",
        Relation.Adapter => "adapter",
        Relation.Quantized => "quantized",
        Relation.Merge => "merge",
        _ => "unknown",
    };

    /// <summary>Parses a Hub relation name (case-insensitive; <c>quantization</c> and <c>fine-tune</c> accepted); false when unknown.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Relation relation)
    {
        text = text.Trim();
        if (text.Equals("finetune", StringComparison.OrdinalIgnoreCase) || text.Equals("fine-tune", StringComparison.OrdinalIgnoreCase)) { relation = Relation.Finetune; return true; }
        if (text.Equals("adapter", StringComparison.OrdinalIgnoreCase)) { relation = Relation.Adapter; return true; }
        if (text.Equals("quantized", StringComparison.OrdinalIgnoreCase) || text.Equals("quantization", StringComparison.OrdinalIgnoreCase)) { relation = Relation.Quantized; return true; }
        if (text.Equals("merge", StringComparison.OrdinalIgnoreCase) || text.Equals("merged", StringComparison.OrdinalIgnoreCase)) { relation = Relation.Merge; return true; }
        if (text.Equals("unknown", StringComparison.OrdinalIgnoreCase)) { relation = Relation.Unknown; return true; }
        relation = Relation.Unknown;
        return false;
    }
}
