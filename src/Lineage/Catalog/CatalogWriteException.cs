namespace Kinship.Lineage.Catalog;

/// <summary>DuckDB refused rows the importer appended (a constraint, a full disk); the message names the table and DuckDB's reason.</summary>
internal sealed class CatalogWriteException(string message) : IOException(message);
