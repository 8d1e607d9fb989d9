namespace Kinship.Lineage.Traits;

/// <summary>What a license lets a derivative do, from most to least free (the taxonomy in <c>Traits/licenses.csv</c>).</summary>
public enum LicenseCategory : byte
{
    /// <summary><c>other</c>, <c>unknown</c>, and any id the taxonomy does not know.</summary>
    Other = 0,
    /// <summary>Reuse with a notice (mit, apache-2.0, bsd-*, cc0-1.0, ...).</summary>
    Permissive = 1,
    /// <summary>Reuse, commercially too, with credit (cc-by-*, odc-by, ...).</summary>
    Attribution = 2,
    /// <summary>Share-alike: derivatives keep the same license (gpl-*, agpl-*, lgpl-*, cc-by-sa-*, ...).</summary>
    Copyleft = 3,
    /// <summary>Non-commercial or use-restricted (the OpenRAIL family, cc-by-nc-*, BigScience RAIL, ...).</summary>
    UseRestricted = 4,
    /// <summary>Vendor licenses whose derivatives carry the same terms (Llama, Gemma, ...).</summary>
    CommercialRestricted = 5,
}
