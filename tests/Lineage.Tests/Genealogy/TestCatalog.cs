using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>A DuckDB catalog file in a temporary folder, filled directly with SQL through <see cref="CatalogSchema.Ddl"/>.</summary>
internal sealed class TestCatalog : IDisposable
{
    private readonly string _folder;

    public TestCatalog()
    {
        _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kinship-genealogy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "lineage.duckdb");
        Connection = new DuckDBConnection($"Data Source={Path}");
        Connection.Open();
        Execute(CatalogSchema.Ddl);
    }

    public string Path { get; }

    public DuckDBConnection Connection { get; }

    public TestCatalog Model(string id, string? createdAt = null, string[]? licenses = null, long? downloads = null)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "INSERT INTO models (id, created_at, licenses, downloads) VALUES ($id, CAST($created AS TIMESTAMPTZ), $licenses, $downloads)";
        command.Parameters.Add(new DuckDBParameter("id", id));
        command.Parameters.Add(new DuckDBParameter("created", (object?)createdAt ?? DBNull.Value));
        command.Parameters.Add(new DuckDBParameter("licenses", (object?)licenses?.ToList() ?? DBNull.Value));
        command.Parameters.Add(new DuckDBParameter("downloads", (object?)downloads ?? DBNull.Value));
        command.ExecuteNonQuery();
        return this;
    }

    public TestCatalog Parent(string child, string parent, string relation)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "INSERT INTO parents (child, parent, relation, source) VALUES ($child, $parent, $relation, 'tags')";
        command.Parameters.Add(new DuckDBParameter("child", child));
        command.Parameters.Add(new DuckDBParameter("parent", parent));
        command.Parameters.Add(new DuckDBParameter("relation", relation));
        command.ExecuteNonQuery();
        return this;
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the writer so that read-only readers (the commands under test) can open the file.</summary>
    public string Close()
    {
        Connection.Close();
        return Path;
    }

    public void Dispose()
    {
        Connection.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }
}
