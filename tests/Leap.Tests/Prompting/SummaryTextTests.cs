using Kinship.Leap.Prompting;

namespace Kinship.Leap.Tests.Prompting;

public sealed class SummaryTextTests
{
    [Theory]
    [InlineData(" x is 3.</summarize>", " x is 3.</summarize>")]
    [InlineData(" x is 3.</summarize> extra", " x is 3.</summarize>")]
    [InlineData(" x is 3.</summ", " x is 3.</summarize>")]
    [InlineData(" x is 3.</", " x is 3.</summarize>")]
    [InlineData(" x is 3.<", " x is 3.<... </summarize>")]
    [InlineData(" x is 3", " x is 3... </summarize>")]
    [InlineData(" x is 3</think>", " x is 3... </summarize>")]
    [InlineData(" x</think> is 3</summarize>", " x is 3</summarize>")]
    [InlineData("", "... </summarize>")]
    public void Normalize_strips_think_close_and_closes_the_tag(string generated, string expected) =>
        Assert.Equal(expected, SummaryText.Normalize(generated));

    [Fact]
    public void Extract_takes_the_text_after_the_last_summarize_tag_trimmed()
    {
        Assert.Equal("second one", SummaryText.Extract("a <summarize> first </summarize> b <summarize>  second one </summarize> c"));
        Assert.Equal("open", SummaryText.Extract("a <summarize> open"));
        Assert.Equal("", SummaryText.Extract("no tags"));
    }

    [Fact]
    public void Dropping_the_dangling_paragraph_keeps_text_before_the_last_blank_line_of_the_segment()
    {
        Assert.Equal("one".Length, SummaryText.WithoutDanglingParagraph("one\n\ntwo", 0));
        Assert.Equal("one\n\ntwo".Length, SummaryText.WithoutDanglingParagraph("one\n\ntwo\n\nthr", 0));
        Assert.Equal("one".Length, SummaryText.WithoutDanglingParagraph("one  \n\n\nthr", 0));
        Assert.Equal("prev\n\nseg".Length, SummaryText.WithoutDanglingParagraph("prev\n\nseg", 6));
        Assert.Equal("no breaks".Length, SummaryText.WithoutDanglingParagraph("no breaks", 0));
    }
}
