using System.Data.Common;
using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Reporting;

/// <summary>
/// What <c>lineage analyze</c> reads from a catalog: the graph (every model a node; an edge per declared pair whose parent
/// is a model and not the child), each model's headline traits, and DNA streamed on demand. Opens the catalog read-only.
/// </summary>
public sealed class CatalogSnapshot : IDnaSource, IDisposable
{
    private readonly DuckDBConnection _connection;

    private CatalogSnapshot(DuckDBConnection connection, LineageGraph graph, IReadOnlyList<ModelTraits> traits)
    {
        _connection = connection;
        Graph = graph;
        Traits = traits;
    }

    /// <summary>The full graph (all relations); take variants with <see cref="LineageGraph.Where"/>.</summary>
    public LineageGraph Graph { get; }

    /// <summary>Headline traits by node index.</summary>
    public IReadOnlyList<ModelTraits> Traits { get; }

    /// <summary>Opens <paramref name="path"/> and loads the graph and traits; a missing or unreadable file throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming it.</summary>
    public static CatalogSnapshot Open(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"catalog {full} does not exist (create it with `lineage import`)", full);
        }
        var connection = new DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
        try
        {
            connection.Open();
            var ids = new List<string>();
            var traits = new List<ModelTraits>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT id, array_to_string(licenses, chr(31)), task, array_to_string(languages, chr(31)), library
                    FROM models ORDER BY id
                    """;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ids.Add(reader.GetString(0));
                    traits.Add(new ModelTraits(Split(reader, 1), Text(reader, 2), Split(reader, 3), Text(reader, 4)));
                }
            }
            var index = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
            for (var i = 0; i < ids.Count; i++)
            {
                index.TryAdd(ids[i], i);
            }
            var edges = new List<GraphEdge>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT parent, child, relation FROM parents";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (index.TryGetValue(reader.GetString(0), out var parent) && index.TryGetValue(reader.GetString(1), out var child) && parent != child)
                    {
                        Relations.TryParse(reader.GetString(2), out var relation);
                        edges.Add(new GraphEdge(parent, child, relation));
                    }
                }
            }
            return new CatalogSnapshot(connection, LineageGraph.Build(ids, edges), traits);
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"catalog {full} cannot be read as a Kinship catalog: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Cards are reduced to their DNA inside DuckDB (length and phrases checked on the whole card, then cut to 512 characters).</remarks>
    public IEnumerable<NodeText> Read(DnaKind kind, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = kind == DnaKind.Card
            ? $"""
                SELECT id, CASE WHEN length(card) >= {DnaDocuments.CardLength}
                    AND NOT (card ILIKE '%automatically generated%' OR card ILIKE '%generated automatically%')
                    THEN substr(card, 1, {DnaDocuments.CardLength}) END
                FROM models
                """
            : "SELECT id, raw_json FROM models";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = Graph.IndexOf(reader.GetString(0));
            yield return new NodeText(node, reader.IsDBNull(1) ? null : reader.GetString(1));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static string[] Split(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? [] : reader.GetString(column).Split('\u001f', StringSplitOptions.RemoveEmptyEntries);
}
