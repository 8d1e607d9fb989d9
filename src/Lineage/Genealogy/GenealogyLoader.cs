using System.Data.Common;
using DuckDB.NET.Data;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Genealogy;

/// <summary>
/// Reads the catalog's <c>models</c> and <c>parents</c> tables into a <see cref="GenealogySnapshot"/>: ids are
/// interned once into dense indices (ordinal id order); a pair becomes an edge when its parent is a model and
/// not the child; absent parents become dangling references; self-references are counted, never edges.
/// </summary>
public static class GenealogyLoader
{
    /// <summary>Opens the catalog file read-only and loads it.</summary>
    public static GenealogyLoad Load(string catalogPath, CancellationToken cancellationToken = default) =>
        Load(catalogPath, ParentSelection.Union, cancellationToken);

    /// <summary>Opens the catalog file read-only and loads it, keeping the parents <paramref name="parents"/> selects.</summary>
    public static GenealogyLoad Load(string catalogPath, ParentSelection parents, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReadOnly(catalogPath);
        return Load(connection, catalogPath, parents, cancellationToken);
    }

    /// <summary>Opens a catalog file read-only, with a clear error when it is absent or not a DuckDB file.</summary>
    public static DuckDBConnection OpenReadOnly(string catalogPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(catalogPath);
        if (!File.Exists(catalogPath))
        {
            throw new CatalogReadException($"catalog '{catalogPath}' does not exist (create it with `lineage import`, or pass --catalog)");
        }
        var connection = new DuckDBConnection($"Data Source={catalogPath};ACCESS_MODE=READ_ONLY");
        try
        {
            connection.Open();
            return connection;
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw new CatalogReadException($"catalog '{catalogPath}' cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>Loads the genealogy from an open catalog connection; <paramref name="catalogName"/> names it in errors.</summary>
    public static GenealogyLoad Load(DuckDBConnection connection, string catalogName, CancellationToken cancellationToken = default) =>
        Load(connection, catalogName, ParentSelection.Union, cancellationToken);

    /// <summary>Loads the genealogy from an open catalog connection, keeping the parents <paramref name="parents"/> selects.</summary>
    public static GenealogyLoad Load(DuckDBConnection connection, string catalogName, ParentSelection parents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            return LoadCore(connection, parents, cancellationToken);
        }
        catch (DbException e)
        {
            throw new CatalogReadException($"catalog '{catalogName}' cannot be read as a Lineage catalog: {e.Message}", e);
        }
    }

    private static GenealogyLoad LoadCore(DuckDBConnection connection, ParentSelection parents, CancellationToken cancellationToken)
    {
        // 1. Models, sorted by id so that dense index order is ordinal id order.
        var ids = new List<string>();
        var created = new List<long>();
        var duplicates = 0;
        var ordinalOrder = true;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, epoch_ms(created_at) FROM models ORDER BY id";
            using var reader = command.ExecuteReader();
            string? previous = null;
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (previous is not null)
                {
                    var order = string.CompareOrdinal(previous, id);
                    if (order == 0)
                    {
                        duplicates++;
                        continue;
                    }
                    ordinalOrder &= order < 0;
                }
                ids.Add(id);
                created.Add(reader.IsDBNull(1) ? GenealogySnapshot.UnknownTime : reader.GetInt64(1));
                previous = id;
                if ((ids.Count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        var idArray = ids.ToArray();
        var createdArray = created.ToArray();
        ids = null;
        created = null;
        if (!ordinalOrder)
        {
            // DuckDB sorts UTF-8 bytes; UTF-16 ordinal differs only around surrogates. Re-sort to keep the invariant.
            Array.Sort(idArray, createdArray, StringComparer.Ordinal);
            var unique = 1;
            for (var i = 1; i < idArray.Length; i++)
            {
                if (idArray[i] == idArray[unique - 1])
                {
                    duplicates++;
                    continue;
                }
                idArray[unique] = idArray[i];
                createdArray[unique++] = createdArray[i];
            }
            Array.Resize(ref idArray, Math.Min(unique, idArray.Length));
            Array.Resize(ref createdArray, idArray.Length);
        }
        var index = new Dictionary<string, int>(idArray.Length, StringComparer.Ordinal);
        for (var i = 0; i < idArray.Length; i++)
        {
            index.Add(idArray[i], i);
        }

        // 2. Declared pairs.
        var edges = new List<GraphEdge>();
        var dangling = new List<DanglingReference>();
        var declared = new int[idArray.Length];
        var selfReferencing = new List<int>();
        var unknownChild = 0;
        var unrecognised = 0;
        var cardOnlyEdges = 0;
        var cardOnlyLeftOut = 0;
        using (var command = connection.CreateCommand())
        {
            // source is a comma list of tags, card, table; a pair only cardData.base_model declares is "card".
            command.CommandText = "SELECT child, parent, relation, coalesce(source, '') = 'card' FROM parents";
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var childId = reader.GetString(0);
                if (!index.TryGetValue(childId, out var child))
                {
                    unknownChild++;
                    continue;
                }
                var parentId = reader.GetString(1);
                if (!Relations.TryParse(reader.GetString(2), out var relation))
                {
                    unrecognised++;
                }
                if (string.Equals(parentId, childId, StringComparison.Ordinal))
                {
                    selfReferencing.Add(child);
                    continue;
                }
                var cardOnly = reader.GetBoolean(3);
                if (cardOnly && parents == ParentSelection.Tags)
                {
                    cardOnlyLeftOut += index.ContainsKey(parentId) ? 1 : 0;
                    continue;
                }
                declared[child]++;
                if (index.TryGetValue(parentId, out var parent))
                {
                    edges.Add(new GraphEdge(parent, child, relation));
                    cardOnlyEdges += cardOnly ? 1 : 0;
                }
                else
                {
                    dangling.Add(new DanglingReference(child, parentId, relation));
                }
            }
        }
        var multiParent = new List<int>();
        for (var i = 0; i < declared.Length; i++)
        {
            if (declared[i] >= 2)
            {
                multiParent.Add(i);
            }
        }
        var danglingArray = dangling.ToArray();
        Array.Sort(danglingArray, static (a, b) => a.Child != b.Child ? a.Child.CompareTo(b.Child) : string.CompareOrdinal(a.MissingParent, b.MissingParent));
        var selfArray = selfReferencing.ToArray();
        Array.Sort(selfArray);
        selfArray = DistinctSorted(selfArray);
        var graph = LineageGraph.Build(idArray, edges, index);
        var snapshot = new GenealogySnapshot(graph, GraphVariant.All, createdArray, danglingArray, selfArray, [.. multiParent]);
        return new GenealogyLoad(snapshot, duplicates, unknownChild, unrecognised)
        {
            Parents = parents,
            CardOnlyEdges = parents == ParentSelection.Tags ? cardOnlyLeftOut : cardOnlyEdges,
        };
    }

    /// <summary>Reads license, downloads and creation time of the given models (absent ids are left out).</summary>
    public static IReadOnlyDictionary<string, ModelDetails> LoadDetails(DuckDBConnection connection, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ids);
        var result = new Dictionary<string, ModelDetails>(ids.Count, StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return result;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, licenses, downloads, created_at FROM models WHERE list_contains($ids, id)";
        command.Parameters.Add(new DuckDBParameter("ids", ids.ToList()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            IReadOnlyList<string> licenses = reader.IsDBNull(1) ? [] : reader.GetFieldValue<List<string>>(1);
            long? downloads = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            DateTimeOffset? createdAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
            result.TryAdd(id, new ModelDetails(id, licenses, downloads, createdAt));
        }
        return result;
    }

    private static int[] DistinctSorted(int[] sorted)
    {
        var unique = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (unique == 0 || sorted[unique - 1] != sorted[i])
            {
                sorted[unique++] = sorted[i];
            }
        }
        return sorted[..unique];
    }
}
