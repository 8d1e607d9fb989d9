namespace Kinship.Lineage.Genealogy;

/// <summary>Which declared relations become edges: the study's graph variants (§2.1 of the study notes).</summary>
public enum GraphVariant
{
    /// <summary>Every relation, <c>unknown</c> (an untyped <c>base_model</c> declaration) included: the study's <c>G</c>.</summary>
    All = 0,

    /// <summary>Every relation except <c>merge</c>: the study's <c>G_nomerges</c>, "asexual reproduction".</summary>
    NoMerge = 1,

    /// <summary>Fine-tune edges only: the study's <c>G_finetune</c>.</summary>
    Finetune = 2,

    /// <summary>Fine-tune and adapter edges: the graph of the study's final metadata-similarity run.</summary>
    FinetuneAdapter = 3,
}
