using System.Data.Common;
using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Traits;

/// <summary>Loads the trait table of a graph from the DuckDB catalog's <c>models</c> table (rows whose id is not a node are skipped).</summary>
public static class CatalogTraits
{
    private const string Query = "SELECT id, licenses, languages, task, library, card FROM models";
    private const string OtherLicenseCard = "CASE WHEN list_contains(list_transform(licenses, x -> lower(x)), 'other') THEN card END";

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
        Read(command, graph, builder, new bool[graph.NodeCount], [], cancellationToken);
        return builder.Build();
    }

    /// <summary>
    /// Like <see cref="Load(DuckDBConnection, LineageGraph, bool, CancellationToken)"/> reading only the cards
    /// <paramref name="cards"/> names, and each node's downloads into <paramref name="downloads"/> (one slot per node,
    /// -1 when unknown) unless it is empty.
    /// </summary>
    public static NodeTraits Load(DuckDBConnection connection, LineageGraph graph, CardReading cards, Span<long> downloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(graph);
        if (!downloads.IsEmpty && downloads.Length != graph.NodeCount)
        {
            throw new ArgumentException($"downloads has {downloads.Length} slots, the graph {graph.NodeCount} nodes", nameof(downloads));
        }
        downloads.Fill(-1);
        var card = cards switch
        {
            CardReading.All => "card",
            CardReading.WhereLicenseIsOther => OtherLicenseCard,
            CardReading.None => "NULL",
            _ => throw new ArgumentOutOfRangeException(nameof(cards), cards, null),
        };
        var builder = new NodeTraits.Builder(graph.NodeCount);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, licenses, languages, task, library, {card}{(downloads.IsEmpty ? "" : ", downloads")} FROM models";
        Read(command, graph, builder, new bool[graph.NodeCount], downloads, cancellationToken);
        return builder.Build();
    }

    /// <summary>
    /// Like <see cref="Load(DuckDBConnection, LineageGraph, bool, CancellationToken)"/> for the given nodes only (the
    /// others declare nothing): a model's ancestry without reading every card of the catalog.
    /// </summary>
    public static NodeTraits Load(DuckDBConnection connection, LineageGraph graph, IReadOnlyCollection<int> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodes);
        const int chunk = 500;
        var builder = new NodeTraits.Builder(graph.NodeCount);
        var seen = new bool[graph.NodeCount];
        foreach (var part in nodes.Distinct().Chunk(chunk))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Query + " WHERE id IN (" + string.Join(", ", part.Select(_ => "?")) + ")";
            foreach (var node in part)
            {
                command.Parameters.Add(new DuckDBParameter(graph.IdOf(node)));
            }
            Read(command, graph, builder, seen, [], cancellationToken);
        }
        return builder.Build();
    }

    // Rows in catalog order; the first row of a repeated id wins, as the genealogy loader keeps it.
    // Columns: id, licenses, languages, task, library, card, then downloads when `downloads` is not empty.
    private static void Read(DuckDBCommand command, LineageGraph graph, NodeTraits.Builder builder, bool[] seen, Span<long> downloads, CancellationToken cancellationToken)
    {
        // Streaming: DuckDB hands rows over chunk by chunk instead of materializing every card of the catalog first.
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        var rows = 0L;
        while (reader.Read())
        {
            if ((++rows & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var node = graph.IndexOf(reader.GetString(0));
            if (node < 0 || seen[node])
            {
                continue;
            }
            seen[node] = true;
            builder.Set(node, new TraitRecord
            {
                Licenses = StringList(reader, 1),
                Languages = StringList(reader, 2),
                Task = reader.IsDBNull(3) ? null : reader.GetString(3),
                Library = reader.IsDBNull(4) ? null : reader.GetString(4),
                Card = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
            if (!downloads.IsEmpty && !reader.IsDBNull(6))
            {
                downloads[node] = reader.GetInt64(6);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
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
