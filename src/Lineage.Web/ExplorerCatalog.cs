using System.Data.Common;
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
        var downloads = new long[graph.NodeCount];
        NodeTraits traits;
        try
        {
            // Cards only where the compliance rules look at them: a child declaring `other` may name its parent's license there.
            traits = CatalogTraits.Load(connection, graph, CardReading.WhereLicenseIsOther, downloads, cancellationToken);
        }
        catch (DbException e)
        {
            throw new CatalogReadException($"catalog '{catalogPath}' cannot be read as a Lineage catalog: {e.Message}", e);
        }
        connection.Close();
        var analysis = GenealogyAnalysis.Run(graph, cancellationToken);
        return new ExplorerCatalog(catalogPath, load, analysis, traits, downloads);
    }
}
