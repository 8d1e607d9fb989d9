using System.Data.Common;
using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Web;

/// <summary>
/// Everything the explorer shows, loaded once from the catalog and then held in memory: the genealogy snapshot
/// (<c>all</c> variant), its analysis (generations, families, roots), the trait table and downloads. The catalog is
/// opened read-only and closed as soon as the load is done, so a later import is never blocked by a running server.
/// </summary>
public sealed class ExplorerCatalog
{
    // Cards are read only where the compliance rules look at them: a child declaring `other` may name its parent's license there.
    private const string TraitQuery = """
        SELECT id, licenses, languages, task, library, downloads,
               CASE WHEN list_contains(list_transform(licenses, x -> lower(x)), 'other') THEN card END
        FROM models
        """;

    private ExplorerCatalog(string path, GenealogyLoad load, GenealogyAnalysis analysis, NodeTraits traits, long[] downloads)
    {
        Path = path;
        Load = load;
        Snapshot = load.Snapshot;
        Analysis = analysis;
        Traits = traits;
        Downloads = downloads;
        Search = new ModelSearch(Snapshot.Graph);
        Compliance = new Compliance.LicenseCompliance();
    }

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>The loader's result, with the counts of rows it had to leave out.</summary>
    public GenealogyLoad Load { get; }

    /// <summary>The <c>all</c>-variant snapshot: every declared relation is an edge.</summary>
    public GenealogySnapshot Snapshot { get; }

    /// <summary>The graph of <see cref="Snapshot"/>.</summary>
    public LineageGraph Graph => Snapshot.Graph;

    /// <summary>Generations, families and family roots of <see cref="Graph"/>.</summary>
    public GenealogyAnalysis Analysis { get; }

    /// <summary>Licenses, languages, task and library of every node.</summary>
    public NodeTraits Traits { get; }

    /// <summary>Downloads of every node; -1 when unknown.</summary>
    public long[] Downloads { get; }

    /// <summary>The model-id search index.</summary>
    internal ModelSearch Search { get; }

    /// <summary>The license-inheritance checker (the <c>audit</c> rules).</summary>
    public Compliance.LicenseCompliance Compliance { get; }

    /// <summary>Opens the catalog read-only, loads it and closes it.</summary>
    /// <exception cref="CatalogReadException">The catalog is absent, not a DuckDB file or not a Lineage catalog.</exception>
    public static ExplorerCatalog Open(string catalogPath, CancellationToken cancellationToken = default)
    {
        using var connection = GenealogyLoader.OpenReadOnly(catalogPath);
        var load = GenealogyLoader.Load(connection, catalogPath, cancellationToken);
        var graph = load.Snapshot.Graph;
        var builder = new NodeTraits.Builder(graph.NodeCount);
        var downloads = new long[graph.NodeCount];
        Array.Fill(downloads, -1);
        try
        {
            ReadTraits(connection, graph, builder, downloads, cancellationToken);
        }
        catch (DbException e)
        {
            throw new CatalogReadException($"catalog '{catalogPath}' cannot be read as a Lineage catalog: {e.Message}", e);
        }
        connection.Close();
        var analysis = GenealogyAnalysis.Run(graph, cancellationToken);
        return new ExplorerCatalog(catalogPath, load, analysis, builder.Build(), downloads);
    }

    private static void ReadTraits(DuckDBConnection connection, LineageGraph graph, NodeTraits.Builder builder, long[] downloads, CancellationToken cancellationToken)
    {
        var seen = new bool[graph.NodeCount];
        using var command = connection.CreateCommand();
        command.CommandText = TraitQuery;
        using var reader = command.ExecuteReader();
        var rows = 0L;
        while (reader.Read())
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var node = graph.IndexOf(reader.GetString(0));
            if (node < 0 || seen[node])
            {
                continue; // the first row of a repeated id wins, as the genealogy loader keeps it
            }
            seen[node] = true;
            builder.Set(node, new TraitRecord
            {
                Licenses = StringList(reader, 1),
                Languages = StringList(reader, 2),
                Task = reader.IsDBNull(3) ? null : reader.GetString(3),
                Library = reader.IsDBNull(4) ? null : reader.GetString(4),
                Card = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
            if (!reader.IsDBNull(5))
            {
                downloads[node] = reader.GetInt64(5);
            }
        }
    }

    private static List<string> StringList(DbDataReader reader, int ordinal)
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
