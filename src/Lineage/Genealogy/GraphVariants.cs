using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>Names, parsing and relation filters of <see cref="GraphVariant"/>.</summary>
public static class GraphVariants
{
    /// <summary>The command-line names, in enum order.</summary>
    public static readonly IReadOnlyList<string> Names = ["all", "no-merge", "finetune", "finetune+adapter"];

    /// <summary>The command-line name of a variant (<c>all</c>, <c>no-merge</c>, <c>finetune</c>, <c>finetune+adapter</c>).</summary>
    public static string Name(this GraphVariant variant) => Names[(int)variant];

    /// <summary>Parses a command-line variant name (case-insensitive); false when it names none.</summary>
    public static bool TryParse(string? text, out GraphVariant variant)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(text?.Trim(), Names[i], StringComparison.OrdinalIgnoreCase))
            {
                variant = (GraphVariant)i;
                return true;
            }
        }
        variant = GraphVariant.All;
        return false;
    }

    /// <summary>
    /// Whether a declared relation is an edge of the variant. <c>unknown</c> (untyped) declarations are edges of
    /// <c>all</c> and <c>no-merge</c> (they are not declared merges) and of neither typed variant (an untyped
    /// declaration is no evidence of a fine-tune or an adapter).
    /// </summary>
    public static bool Keeps(this GraphVariant variant, Relation relation) => variant switch
    {
        GraphVariant.All => true,
        GraphVariant.NoMerge => relation != Relation.Merge,
        GraphVariant.Finetune => relation == Relation.Finetune,
        GraphVariant.FinetuneAdapter => relation is Relation.Finetune or Relation.Adapter,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown graph variant"),
    };
}
