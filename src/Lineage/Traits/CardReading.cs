namespace Kinship.Lineage.Traits;

/// <summary>Which model cards <see cref="CatalogTraits"/> reads (cards are most of a catalog's bytes).</summary>
public enum CardReading
{
    /// <summary>Every card: card features, license references and (optionally) the texts are complete.</summary>
    All,

    /// <summary>
    /// Only the cards of models declaring the license <c>other</c>, where the compliance rules look for the license the
    /// card names (<see cref="CardLicenseReference"/>); every other node has no card features.
    /// </summary>
    WhereLicenseIsOther,

    /// <summary>No card: no card features and no license references.</summary>
    None,
}
