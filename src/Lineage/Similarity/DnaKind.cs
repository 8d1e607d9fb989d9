namespace Kinship.Lineage.Similarity;

/// <summary>Which artifact of a model serves as its "DNA" (study §3.1).</summary>
public enum DnaKind
{
    /// <summary>The raw listing JSON string of the model.</summary>
    Metadata = 0,

    /// <summary>The first 512 characters of a long, hand-written model card.</summary>
    Card = 1,
}
