namespace Kinship.Lineage.Genealogy;

/// <summary>The catalog could not be read: missing file, not a Lineage catalog, or a broken table. The message names the file.</summary>
public sealed class CatalogReadException : Exception
{
    /// <summary>Creates the exception with a message naming the catalog.</summary>
    public CatalogReadException(string message) : base(message) { }

    /// <summary>Creates the exception with a message naming the catalog and its cause.</summary>
    public CatalogReadException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public CatalogReadException() { }
}
