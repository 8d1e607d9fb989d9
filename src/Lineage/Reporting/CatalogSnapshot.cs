using DuckDB.NET.Data;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Similarity;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Reporting;

/// <summary>
/// What <c>lineage analyze</c> reads from a catalog: the genealogy (all relations), every model's traits, and DNA streamed
/// on demand from <c>models.raw_json</c> and <c>models.card</c>. Holds the catalog open read-only until disposed.
/// </summary>
public sealed class CatalogSnapshot : IDnaSource, IDisposable
{
    private readonly DuckDBConnection _connection;

    private CatalogSnapshot(DuckDBConnection connection, GenealogySnapshot genealogy, NodeTraits traits)
    {
        _connection = connection;
        Genealogy = genealogy;
        Traits = traits;
    }

    /// <summary>The genealogy with every relation (the <c>all</c> variant).</summary>
    public GenealogySnapshot Genealogy { get; }

    /// <summary>What the genealogy loader kept and left out (parent selection, card-only edges).</summary>
    public GenealogyLoad? Load { get; private init; }

    /// <summary>Every model's traits, by node index.</summary>
    public NodeTraits Traits { get; }

    /// <summary>Opens <paramref name="path"/> read-only and loads genealogy and traits; errors name the file (<see cref="CatalogReadException"/>).</summary>
    public static CatalogSnapshot Open(string path, CancellationToken cancellationToken = default) =>
        Open(path, ParentSelection.Union, cancellationToken);

    /// <summary>Like <see cref="Open(string, CancellationToken)"/>, keeping the parents <paramref name="parents"/> selects as edges.</summary>
    public static CatalogSnapshot Open(string path, ParentSelection parents, CancellationToken cancellationToken = default)
    {
        var connection = GenealogyLoader.OpenReadOnly(path);
        try
        {
            var load = GenealogyLoader.Load(connection, path, parents, cancellationToken);
            var genealogy = load.Snapshot;
            var traits = CatalogTraits.Load(connection, genealogy.Graph, keepCardText: false, cancellationToken);
            return new CatalogSnapshot(connection, genealogy, traits) { Load = load };
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
        command.UseStreamingMode = true; // rows arrive in chunks instead of one materialized result
        using var reader = command.ExecuteReader();
        var rows = 0L;
        while (reader.Read())
        {
            if ((++rows & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var node = Genealogy.Graph.IndexOf(reader.GetString(0));
            if (node >= 0)
            {
                yield return new NodeText(node, reader.IsDBNull(1) ? null : reader.GetString(1));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
