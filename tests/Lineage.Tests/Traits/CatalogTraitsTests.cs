using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Traits;

public sealed class CatalogTraitsTests
{
    [Fact]
    public void Loader_aligns_catalog_rows_with_graph_indices_and_skips_models_outside_the_graph()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = CatalogSchema.Ddl + """
                INSERT INTO models (id, licenses, languages, task, library, card) VALUES
                  ('org/child', ['mit'], ['en', 'de'], 'text-generation', 'peft', 'Model card generated automatically.'),
                  ('org/outside', ['gpl-3.0'], [], NULL, NULL, NULL),
                  ('org/base', ['llama3.1', NULL], NULL, 'text-generation', 'transformers', NULL);
                """;
            command.ExecuteNonQuery();
        }
        var graph = LineageGraph.Build(["org/base", "org/child", "org/no-row"], [new GraphEdge(0, 1, Relation.Adapter)]);

        var traits = CatalogTraits.Load(connection, graph, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, traits.NodeCount);
        Assert.Equal(["llama3.1"], traits.Licenses.ValuesOf(0));
        Assert.False(traits.Languages.Declares(0));
        Assert.False(traits.Cards[0].HasCard);
        Assert.Equal(["mit"], traits.Licenses.ValuesOf(1));
        Assert.Equal(["English", "German"], traits.Languages.ValuesOf(1));
        Assert.Equal(["peft"], traits.Libraries.ValuesOf(1));
        Assert.Equal(new CardFeatures(true, 35, 4, true), traits.Cards[1]);
        Assert.False(traits.Licenses.Declares(2));
        Assert.Equal(-1, traits.Licenses.IdOf("gpl-3.0"));
        Assert.False(traits.HasCardTexts);
    }
}
