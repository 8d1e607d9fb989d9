using System.Text;
using Kinship.Leap.Backends.Llama;

namespace Kinship.Leap.Tests.Backends;

public sealed class Utf8PieceDecoderTests
{
    [Fact]
    public void Holds_back_a_character_split_across_byte_tokens_until_it_completes()
    {
        var decoder = new Utf8PieceDecoder();
        var text = new StringBuilder();
        var bytes = Encoding.UTF8.GetBytes("a€"); // € is E2 82 AC

        Assert.Equal(1, decoder.Decode(bytes.AsSpan(0, 2), text)); // "a" and the lead byte
        Assert.True(decoder.HasPendingBytes);
        Assert.Equal(0, decoder.Decode(bytes.AsSpan(2, 1), text));
        Assert.Equal(1, decoder.Decode(bytes.AsSpan(3, 1), text));
        Assert.False(decoder.HasPendingBytes);
        Assert.Equal("a€", text.ToString());
    }

    [Fact]
    public void Decodes_a_four_byte_character_one_byte_at_a_time()
    {
        var decoder = new Utf8PieceDecoder();
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes("🙂"))
        {
            decoder.Decode([b], text);
        }
        Assert.Equal("🙂", text.ToString());
    }

    [Fact]
    public void Flush_turns_an_unfinished_character_into_a_replacement()
    {
        var decoder = new Utf8PieceDecoder();
        var text = new StringBuilder();
        decoder.Decode([0xE2, 0x82], text);

        decoder.Flush(text);

        Assert.Equal("\uFFFD", text.ToString());
        Assert.False(decoder.HasPendingBytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x61 }, 1)]
    [InlineData(new byte[] { 0x61, 0xC3 }, 1)]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9 }, 3)]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x99 }, 0)]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x99, 0x82 }, 4)]
    [InlineData(new byte[] { 0x80 }, 1)]
    public void Complete_prefix_stops_before_an_unfinished_character(byte[] bytes, int expected)
    {
        Assert.Equal(expected, Utf8PieceDecoder.CompletePrefixLength(bytes));
    }
}
