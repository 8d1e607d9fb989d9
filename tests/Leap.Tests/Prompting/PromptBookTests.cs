using Kinship.Leap.Prompting;

namespace Kinship.Leap.Tests.Prompting;

public sealed class PromptBookTests
{
    private static readonly PromptBook Book = PromptBook.Default;

    [Fact]
    public void Peer_comment_block_has_the_released_format()
    {
        Assert.Equal(
            " <comment> Peer 1: \"x is 3\"\nPeer 2: \"x is 4\" </comment>\n\n" + Book.ReflectionSentence,
            Book.CommentBlock(["x is 3", "x is 4"]));
        Assert.Contains("differ", Book.ReflectionSentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_path_gets_the_no_comments_block()
    {
        Assert.Equal(" <comment> No comments </comment>\n\n" + Book.LoneSentence, Book.CommentBlock([]));
    }

    [Fact]
    public void Summary_request_is_blank_line_trigger_tag_and_opening()
    {
        Assert.Equal("\n\n" + Book.RecapTriggers[2] + " <summarize> " + Book.SummaryOpenings[5], Book.SummaryRequest(2, 5));
        Assert.True(Book.RecapTriggers.Count >= 6);
        Assert.True(Book.SummaryOpenings.Count >= 6);
        Assert.Equal(Book.RecapTriggers.Count, Book.RecapTriggers.Distinct().Count());
        Assert.Equal(Book.SummaryOpenings.Count, Book.SummaryOpenings.Distinct().Count());
    }

    [Fact]
    public void Forced_answers_open_a_box_for_math_and_close_thinking_for_multiple_choice()
    {
        Assert.Equal("\n\n" + Book.MathAnswerLeadIn + "\n\n**Final Answer** \\boxed{", Book.ForcedAnswer(ProblemKind.Math));
        Assert.EndsWith(" </think> ANSWER:", Book.ForcedAnswer(ProblemKind.MultipleChoice), StringComparison.Ordinal);
    }

    [Fact]
    public void Math_prompt_states_the_problem_then_the_instruction_with_the_example()
    {
        var user = Book.UserMessage(Problem.Math("Find x.  "), selfTrigger: false);
        Assert.StartsWith("Find x. Work through the problem step by step.", user, StringComparison.Ordinal);
        Assert.Contains("<summarize> " + Book.MathExampleSummary + " </summarize>", user, StringComparison.Ordinal);
        Assert.Contains("<comment>", user, StringComparison.Ordinal);
        Assert.EndsWith("\\boxed{}.", user, StringComparison.Ordinal);
        Assert.Equal("Find x. " + Book.MathPlainInstruction, Book.UserMessage(Problem.Math("Find x."), selfTrigger: true));
        Assert.Contains(Book.MathExampleSummary, Book.AssistantPrefix(ProblemKind.Math, false), StringComparison.Ordinal);
        Assert.Equal("", Book.AssistantPrefix(ProblemKind.Math, true));
    }

    [Fact]
    public void Multiple_choice_prompt_renders_lettered_options_and_the_answer_field()
    {
        var user = Book.UserMessage(Problem.MultipleChoice("Pick one.", ["red", "green", "blue"]), selfTrigger: true);
        Assert.Equal("Pick one.\nA) red\nB) green\nC) blue\n\n" + Book.MultipleChoicePlainInstruction, user);
        Assert.Contains("\"ANSWER\": \"C\"", user, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_summaries_come_from_no_benchmark_problem()
    {
        foreach (var text in new[] { Book.MathExampleSummary, Book.MultipleChoiceExampleSummary })
        {
            Assert.DoesNotContain("17", text, StringComparison.Ordinal);
            Assert.DoesNotContain("97", text, StringComparison.Ordinal);
            Assert.DoesNotContain("base", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("uncertainty", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("lifetime", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
