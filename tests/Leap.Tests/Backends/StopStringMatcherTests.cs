using Kinship.Leap.Backends;

namespace Kinship.Leap.Tests.Backends;

public sealed class StopStringMatcherTests
{
    [Fact]
    public void Finds_a_stop_string_split_across_pieces()
    {
        var matcher = new StopStringMatcher(["</summarize>"]);

        Assert.Null(matcher.Feed(" the sum is 4 </sum"));
        Assert.Equal("</summarize>", matcher.Feed("marize>"));
    }

    [Fact]
    public void Finds_a_stop_string_spread_over_many_one_character_pieces()
    {
        var matcher = new StopStringMatcher(["abc"]);

        Assert.Null(matcher.Feed("a"));
        Assert.Null(matcher.Feed("b"));
        Assert.Equal("abc", matcher.Feed("c"));
    }

    [Fact]
    public void Reports_the_stop_that_ends_first_and_prefers_the_longer_on_a_tie()
    {
        var matcher = new StopStringMatcher(["world", "lo w", "o w"]);

        Assert.Equal("lo w", matcher.Feed("hello world"));
    }

    [Fact]
    public void Reports_where_in_the_piece_the_match_ends()
    {
        var matcher = new StopStringMatcher(["</s"]);
        matcher.Feed("a <");

        Assert.Equal("</s", matcher.Feed("/summary>", out var end));
        Assert.Equal(2, end);
        Assert.Equal(3, matcher.LongestStop);
    }

    [Fact]
    public void A_primed_history_lets_a_stop_string_begin_before_the_first_piece_but_never_matches_alone()
    {
        var matcher = new StopStringMatcher(["</think>"]);
        matcher.Prime("so the answer is 4 </th");

        Assert.Equal("</think>", matcher.Feed("ink>", out var end));
        Assert.Equal(4, end);

        var whole = new StopStringMatcher(["</think>"]);
        whole.Prime("done </think>");
        Assert.Null(whole.Feed(" more"));
    }

    [Fact]
    public void Does_not_report_a_match_again_on_the_next_piece()
    {
        var matcher = new StopStringMatcher(["ab"]);

        Assert.Equal("ab", matcher.Feed("xab"));
        Assert.Null(matcher.Feed("c"));
    }

    [Fact]
    public void Ignores_empty_stop_strings_and_an_empty_list()
    {
        Assert.False(new StopStringMatcher(["", ""]).IsActive);
        Assert.Null(new StopStringMatcher([]).Feed("anything"));
    }

    [Fact]
    public void Finds_the_first_stop_string_wherever_the_text_is_split()
    {
        const string Text = "step one </think> then \\boxed{42} and more";
        var end = Text.IndexOf("</think>", StringComparison.Ordinal) + "</think>".Length;
        for (var cut1 = 0; cut1 <= Text.Length; cut1++)
        {
            for (var cut2 = cut1; cut2 <= Text.Length; cut2++)
            {
                var matcher = new StopStringMatcher(["\\boxed{", "</think>"]);
                int[] cuts = [0, cut1, cut2, Text.Length];
                for (var piece = 0; piece < 3; piece++)
                {
                    var found = matcher.Feed(Text.AsSpan(cuts[piece], cuts[piece + 1] - cuts[piece]));
                    // reported exactly in the piece where "</think>" is completed
                    var completes = cuts[piece] < end && end <= cuts[piece + 1];
                    Assert.Equal(completes ? "</think>" : null, found);
                    if (found is not null)
                    {
                        break;
                    }
                }
            }
        }
    }
}
