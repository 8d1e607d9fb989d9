namespace Kinship.Lineage.Similarity;

/// <summary>How a model's stored metadata record is written out as its metadata DNA (docs/formats-similarity.md).</summary>
public enum DnaFormat
{
    /// <summary>Python's <c>repr</c> of the parsed record, <c>str(dict)</c>, as the study's code vectorized it (the default).</summary>
    PythonRepr = 0,

    /// <summary>The record's JSON text exactly as the source gave it.</summary>
    Json = 1,
}
