using System.Text;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>The parallel JSON Lines reader the importer uses yields exactly what the sequential one yields, in the same order.</summary>
public sealed class ParallelListingReaderTests
{
    /// <summary>9,001 lines over four batches: good records, rejects of several kinds, blank lines, CRLF, a BOM, a cut last line.</summary>
    private static byte[] MixedFile()
    {
        var text = new StringBuilder("\uFEFF");
        for (var i = 0; i < 9000; i++)
        {
            text.Append((i % 9) switch
            {
                0 => "",
                1 => "{\"id\": }",
                2 => $"{{\"id\":\"m/{i}\",\"downloads\":-{i}}}",
                3 => $"{{\"id\":\"m/{i % 50}\",\"tags\":[\"en\",\"base_model:finetune:m/{i % 7}\"]}}",
                4 => "   ",
                _ => $"{{\"id\":\"m/{i}\",\"likes\":{i},\"createdAt\":\"2023-04-05T06:07:08.000Z\"}}",
            });
            text.Append(i % 5 == 0 ? "\r\n" : "\n");
        }
        text.Append("{\"id\":\"m/cut\"");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static List<string> Items(IEnumerable<SourceItem> items) =>
        items.Select(item => item.Record is { } r ? $"{item.Line}: {r.Id} {r.Likes} {r.CreatedAt:O} {string.Join(",", r.Parents.Select(p => p.Parent))} {r.RawJson}" : $"{item.Line}: {item.Reject}").ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parallel_reading_yields_the_sequential_items_in_order(int workers)
    {
        var bytes = MixedFile();
        var sequential = Items(ListingReader.Read(new MemoryStream(bytes)));
        var parallel = Items(ListingReader.ReadParallel(new MemoryStream(bytes), workers));

        Assert.Equal(7001, sequential.Count); // 9,000 lines minus 2,000 blank ones, plus the cut last line
        Assert.Equal(sequential, parallel);
        Assert.Equal("9001: bad JSON", sequential[^1][..14]);
    }

    [Fact]
    public void An_abandoned_parallel_read_stops_without_error()
    {
        var bytes = MixedFile();
        var firstTen = ListingReader.ReadParallel(new MemoryStream(bytes), 2).Take(10).Count();

        Assert.Equal(10, firstTen);
    }

    [Fact]
    public void A_json_array_is_read_in_order_by_the_parallel_entry_point()
    {
        var bytes = Encoding.UTF8.GetBytes("[" + string.Join(",\n", Enumerable.Range(0, 1500).Select(i => $"{{\"id\":\"a/{i}\"}}")) + "]");

        Assert.Equal(Items(ListingReader.Read(new MemoryStream(bytes))), Items(ListingReader.ReadParallel(new MemoryStream(bytes), 2)));
    }
}
