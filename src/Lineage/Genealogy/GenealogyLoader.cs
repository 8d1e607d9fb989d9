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
        // 1. Models sorted by id (DuckDB's parallel sort), with their row ids so that step 2 can name them by number.
        var ids = new List<string>();
        var created = new List<long>();
        var rowIds = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT rowid, id, epoch_ms(created_at) FROM models ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rowIds.Add(reader.GetInt64(0));
                ids.Add(reader.GetString(1));
                created.Add(reader.IsDBNull(2) ? GenealogySnapshot.UnknownTime : reader.GetInt64(2));
                if ((ids.Count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        var (idArray, createdArray, nodeOfRow, duplicates) = Number(ids, created, rowIds);
        ids = null;
        created = null;
        rowIds = null;

        // 2. Declared pairs, joined to the models' row ids by DuckDB (hash joins on the id strings), so only numbers
        // and the text of absent parents cross into .NET. A repeated model id repeats its pairs in the join; each
        // parents row is used once (by its own row id).
        var relationNames = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT relation FROM parents";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                relationNames.Add(reader.GetString(0));
            }
        }
        var relationOf = new Relation[relationNames.Count];
        var recognised = new bool[relationNames.Count];
        for (var i = 0; i < relationNames.Count; i++)
        {
            recognised[i] = Relations.TryParse(relationNames[i], out relationOf[i]);
        }
        var edges = new List<GraphEdge>();
        var dangling = new List<DanglingReference>();
        var declared = new int[idArray.Length];
        var selfReferencing = new List<int>();
        var seen = new HashSet<long>();
        var unknownChild = 0;
        var unrecognised = 0;
        var cardOnlyEdges = 0;
        var cardOnlyLeftOut = 0;
        using (var command = connection.CreateCommand())
        {
            // source is a comma list of tags, card, table; a pair only cardData.base_model declares is "card".
            command.CommandText = """
                SELECT r.rowid, c.rowid, p.rowid, CASE WHEN p.rowid IS NULL THEN r.parent END,
                       list_position($relations, r.relation) - 1, coalesce(r.source, '') = 'card'
                FROM parents r LEFT JOIN models c ON c.id = r.child LEFT JOIN models p ON p.id = r.parent
                """;
            command.Parameters.Add(new DuckDBParameter("relations", relationNames));
            using var reader = command.ExecuteReader();
            var rows = 0;
            var repeats = duplicates > 0;
            while (reader.Read())
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (repeats && !seen.Add(reader.GetInt64(0)))
                {
                    continue;
                }
                if (reader.IsDBNull(1))
                {
                    unknownChild++;
                    continue;
                }
                var child = nodeOfRow[reader.GetInt64(1)];
                var r = reader.GetInt32(4);
                var relation = relationOf[r];
                unrecognised += recognised[r] ? 0 : 1;
                var parent = reader.IsDBNull(2) ? -1 : nodeOfRow[reader.GetInt64(2)];
                if (parent == child)
                {
                    selfReferencing.Add(child);
                    continue;
                }
                var cardOnly = reader.GetBoolean(5);
                if (cardOnly && parents == ParentSelection.Tags)
                {
                    cardOnlyLeftOut += parent >= 0 ? 1 : 0;
                    continue;
                }
                declared[child]++;
                if (parent >= 0)
                {
                    edges.Add(new GraphEdge(parent, child, relation));
                    cardOnlyEdges += cardOnly ? 1 : 0;
                }
                else
                {
                    dangling.Add(new DanglingReference(child, reader.GetString(3), relation));
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
        var graph = LineageGraph.Build(idArray, edges, index: null);
        var snapshot = new GenealogySnapshot(graph, GraphVariant.All, createdArray, danglingArray, selfArray, [.. multiParent]);
        return new GenealogyLoad(snapshot, duplicates, unknownChild, unrecognised)
        {
            Parents = parents,
            CardOnlyEdges = parents == ParentSelection.Tags ? cardOnlyLeftOut : cardOnlyEdges,
        };
    }

    /// <summary>
    /// Dense node numbers in ordinal id order from the rows as DuckDB sorted them: DuckDB sorts UTF-8 bytes, and UTF-16
    /// ordinal order differs only where a supplementary character (a surrogate pair) meets one in U+E000..U+FFFF, so
    /// the rows are re-sorted only then. A repeated id keeps its first row; every row id maps to its model's number.
    /// </summary>
    private static (string[] Ids, long[] Created, NodeOfRow NodeOfRow, int Duplicates) Number(List<string> ids, List<long> created, List<long> rowIds)
    {
        var order = new int[ids.Count];
        var ordinal = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            ordinal &= i == 0 || string.CompareOrdinal(ids[i - 1], ids[i]) <= 0;
        }
        if (!ordinal)
        {
            var keys = ids.ToArray();
            Array.Sort(keys, order, StringComparer.Ordinal);
        }
        var unique = new List<string>(ids.Count);
        var uniqueCreated = new List<long>(ids.Count);
        var nodeOfRow = new NodeOfRow(rowIds);
        var duplicates = 0;
        foreach (var row in order)
        {
            if (unique.Count > 0 && string.Equals(unique[^1], ids[row], StringComparison.Ordinal))
            {
                duplicates++;
            }
            else
            {
                unique.Add(ids[row]);
                uniqueCreated.Add(created[row]);
            }
            nodeOfRow.Set(rowIds[row], unique.Count - 1);
        }
        return ([.. unique], [.. uniqueCreated], nodeOfRow, duplicates);
    }

    /// <summary>The node number of each <c>models</c> row id (row ids are dense up to deletions).</summary>
    private sealed class NodeOfRow(List<long> rowIds)
    {
        private readonly long _first = rowIds.Count == 0 ? 0 : rowIds.Min();
        private readonly int[] _node = new int[rowIds.Count == 0 ? 0 : checked((int)(rowIds.Max() - rowIds.Min() + 1))];

        public int this[long rowId] => _node[rowId - _first];

        public void Set(long rowId, int node) => _node[rowId - _first] = node;
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
