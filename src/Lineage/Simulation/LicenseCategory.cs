namespace Kinship.Lineage.Simulation;

/// <summary>The study's license categories (§4.3), ordered from most to least restrictive: the simulator's drift goes forward only.</summary>
public enum LicenseCategory : byte
{
    /// <summary>Gemma and Llama licenses.</summary>
    Commercial = 0,
    /// <summary>OpenRAIL variants and non-commercial Creative Commons.</summary>
    UseRestricted = 1,
    /// <summary>Anything the study leaves grey (<c>other</c>, <c>unknown</c>, BSD, AGPL, ...).</summary>
    Unclassified = 2,
    /// <summary>CC-BY, CC-BY-SA, GPL (the authors' "copyleft" grouping).</summary>
    Copyleft = 3,
    /// <summary>MIT, Apache-2.0, CC0, unlicense, ...</summary>
    Permissive = 4,
}
