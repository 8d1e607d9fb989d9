using Kinship.Lineage.Hub;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Simulation;

/// <summary>The simulator's output is what the listing reader (the catalog's input) expects: every line a record, parents typed, cards kept.</summary>
public sealed class SimulatedHubReaderTests
{
    [Fact]
    public void Every_simulated_line_reads_as_a_model_record_with_its_typed_parents_and_card()
    {
        var bytes = SimulatedHub.Bytes(new SimulationOptions { Models = 3_000, Seed = 4, Cards = true });
        var expected = SimulatedHub.Parse(bytes);

        var items = ListingReader.Read(new MemoryStream(bytes)).ToList();

        Assert.DoesNotContain(items, item => item.Reject is not null);
        Assert.Equal(expected.Select(m => m.Id), items.Select(item => item.Record!.Id));
        for (var i = 0; i < items.Count; i++)
        {
            var record = items[i].Record!;
            var model = expected[i];
            Assert.Equal(model.TypedParents, record.Parents.Select(p => p.Parent));
            Assert.All(record.Parents, p => Assert.Equal(model.Relation, p.Relation.Name()));
            Assert.Empty(record.ParentDisagreements);
            Assert.Equal(model.Card, record.Card);
            Assert.Equal(model.Licenses, record.Licenses);
            Assert.Equal(model.Languages, record.Languages);
        }
    }
}
