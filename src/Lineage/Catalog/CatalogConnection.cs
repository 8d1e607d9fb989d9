using DuckDB.NET.Data;

namespace Kinship.Lineage.Catalog;

/// <summary>Opens DuckDB connections to a catalog file (creating the schema when writable).</summary>
public static class CatalogConnection
{
    /// <summary>Opens the catalog for writing, creating the file and the tables when absent.</summary>
    public static DuckDBConnection OpenWritable(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)}");
        connection.Open();
        Execute(connection, CatalogSchema.Ddl);
        return connection;
    }

    /// <summary>Opens an existing catalog read-only.</summary>
    /// <exception cref="FileNotFoundException">There is no catalog at <paramref name="path"/>.</exception>
    public static DuckDBConnection OpenReadOnly(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no catalog here (run `lineage import` first, or pass --catalog)", path);
        }
        var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(path)};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Opens an existing catalog read-only for user SQL: besides the read-only file, extensions are never installed
    /// (that writes under the home folder), persistent secrets are off (they are files) and the configuration is locked,
    /// so no <c>SET</c> can lift any of it. Reading local files (<c>read_csv</c>, <c>read_parquet</c>) stays allowed.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no catalog at <paramref name="path"/>.</exception>
    public static DuckDBConnection OpenForQueries(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no catalog here (run `lineage import` first, or pass --catalog)", path);
        }
        var connection = new DuckDBConnection(
            $"Data Source={Path.GetFullPath(path)};ACCESS_MODE=READ_ONLY;autoinstall_known_extensions=false;allow_persistent_secrets=false;allow_community_extensions=false;lock_configuration=true");
        connection.Open();
        return connection;
    }

    /// <summary>Runs a statement (or several) that returns no rows; returns the rows the last one changed (DuckDB's count).</summary>
    public static long Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query that returns one integer.</summary>
    public static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
