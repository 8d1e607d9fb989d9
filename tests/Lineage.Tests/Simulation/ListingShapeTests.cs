using System.Text;
using System.Text.Json.Nodes;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Simulation;

public sealed class ListingShapeTests
{
    private static string[] Lines(ListingShape shape)
    {
        using var stream = new MemoryStream();
        EcosystemSimulator.Write(new SimulationOptions { Models = 3_000, Seed = 5, Shape = shape }, stream, cancellationToken: TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Full_records_are_as_long_as_real_model_info_records()
    {
        var lengths = Lines(ListingShape.Full).Select(l => l.Length).Order().ToArray();
        var median = lengths[lengths.Length / 2];
        // The shared real families: median 5,350, p10 2,235, p90 6,433, min 1,326, max 13,312 characters.
        Assert.InRange(median, 4_500, 6_300);
        Assert.InRange(lengths[lengths.Length / 10], 1_500, 4_500);
        Assert.InRange(lengths[^1], 6_500, 14_100);
        Assert.True(lengths[0] >= 1_200, $"shortest {lengths[0]}"); // the draw is clamped at 1,300; the file list stops within one entry of it
        var record = JsonNode.Parse(Lines(ListingShape.Full)[0])!.AsObject();
        Assert.True(record.ContainsKey("siblings") && record.ContainsKey("cardData") && record.ContainsKey("config"));
    }

    [Fact]
    public void Full_records_carry_the_listing_fields_byte_for_byte()
    {
        var listing = Lines(ListingShape.Listing);
        var full = Lines(ListingShape.Full);
        Assert.Equal(listing.Length, full.Length);
        Assert.True(listing.Average(l => l.Length) < 1_000, "the plain listing stays short");
        for (var i = 0; i < listing.Length; i += 97)
        {
            var node = JsonNode.Parse(full[i])!.AsObject();
            node.Remove("cardData");
            node.Remove("config");
            node.Remove("siblings");
            Assert.Equal(JsonNode.Parse(listing[i])!.ToJsonString(), node.ToJsonString());
        }
    }
}
