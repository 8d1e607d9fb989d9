using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Tests.Catalog;

/// <summary>A catalog file in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempCatalog : IDisposable
{
    public TempCatalog()
    {
        Folder = Path.Combine(Path.GetTempPath(), "kinship-catalog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path_ = System.IO.Path.Combine(Folder, "lineage.duckdb");
    }

    public string Folder { get; }

    public string Path_ { get; }

    public string File(string name) => System.IO.Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public IReadOnlyList<SourceImportResult> Import(params string[] paths) =>
        new CatalogImporter(Path_).Import(paths.Select(p => new ImportSource(p)).ToArray());

    public IReadOnlyList<SourceImportResult> Import(List<ImportReject> rejects, params string[] paths) =>
        new CatalogImporter(Path_).Import(paths.Select(p => new ImportSource(p)).ToArray(), rejects.Add);

    public long Scalar(string sql)
    {
        using var connection = CatalogConnection.OpenReadOnly(Path_);
        return CatalogConnection.Scalar(connection, sql);
    }

    /// <summary>Every row of a query, each rendered as one string (columns joined by '|', lists by ';').</summary>
    public List<string> Rows(string sql)
    {
        using var connection = CatalogConnection.OpenReadOnly(Path_);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
                {
                    System.Collections.IEnumerable list and not string => string.Join(";", list.Cast<object>()),
                    DateTimeOffset date => date.UtcDateTime.ToString("o"),
                    DateTime date => date.ToString("o"),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
                };
            }
            rows.Add(string.Join("|", values));
        }
        return rows;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
