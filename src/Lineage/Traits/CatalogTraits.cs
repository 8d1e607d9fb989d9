using System.Data.Common;
using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Traits;

/// <summary>Loads the trait table of a graph from the DuckDB catalog's <c>models</c> table (rows whose id is not a node are skipped).</summary>
public static class CatalogTraits
{
    private const string Query = "SELECT id, licenses, languages, task, library, card FROM models";

    /// <summary>
    /// Reads <c>id, licenses, languages, task, library, card</c> for every model and aligns the rows with
    /// <see cref="LineageGraph.IndexOf"/>. Card texts are measured and dropped unless <paramref name="keepCardText"/>.
    /// </summary>
    public static NodeTraits Load(DuckDBConnection connection, LineageGraph graph, bool keepCardText = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(graph);
        var builder = new NodeTraits.Builder(graph.NodeCount, keepCardText);
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        using var reader = command.ExecuteReader();
        var rows = 0L;
        while (reader.Read())
        {
            if ((++rows & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var node = graph.IndexOf(reader.GetString(0));
            if (node < 0)
            {
                continue;
            }
            builder.Set(node, new TraitRecord
            {
                Licenses = StringList(reader, 1),
                Languages = StringList(reader, 2),
                Task = reader.IsDBNull(3) ? null : reader.GetString(3),
                Library = reader.IsDBNull(4) ? null : reader.GetString(4),
                Card = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }
        cancellationToken.ThrowIfCancellationRequested();
        return builder.Build();
    }

    private static IReadOnlyList<string> StringList(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return [];
        }
        var list = reader.GetFieldValue<List<string?>>(ordinal);
        var result = new List<string>(list.Count);
        foreach (var item in list)
        {
            if (item is not null)
            {
                result.Add(item);
            }
        }
        return result;
    }
}
