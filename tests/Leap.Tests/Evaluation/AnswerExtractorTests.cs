using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

public sealed class AnswerExtractorTests
{
    public static TheoryData<string, string?> MathCases => new()
    {
        { "So the result is \\boxed{42}.", "42" },
        { "First \\boxed{1}, then corrected: \\boxed{2}", "2" },
        { "\\boxed{\\frac{1}{2}}", "\\frac{1}{2}" },
        { "\\boxed{\\frac{\\sqrt{3}}{\\sqrt{2}}} done", "\\frac{\\sqrt{3}}{\\sqrt{2}}" },
        { "answer \\fbox{17}", "17" },
        { "\\boxed 5 is it", "5" },
        { "$\\boxed{(1, 2)}$", "(1, 2)" },
        { "**Final Answer** \\boxed{204", "204" },
        { "Thus the answer is 25.", "25" },
        { "The final answer is $\\frac{3}{4}$.\nMore text", "\\frac{3}{4}" },
        { "Final Answer: 3.5", "3.5" },
        { "the answer is 7. Actually the answer is 8.", "8" },
        { "There is no answer here.\nI stop.", null },
        { "42", "42" },
        { "  x = 5  ", "x = 5" },
        { "$\\frac{1}{2}$", "\\frac{1}{2}" },
        { "\\[\n\\frac{1}{2}\n\\]", "\\frac{1}{2}" },
        { "Evelyn", "Evelyn" },
        { "We try 3 and 4.\nThe sum of the roots is 7, so that settles it.", "7" },
        { "We try a few.\nThe ordered pair is $(7, 6)$.\n<|im_start|>user", "(7, 6)" },
        { "Final Answer: The volume is 120. I hope it is correct.", "120" },
        { "Answer: 17", "17" },
        { "\\boxed{} then nothing", null },
        { "\\boxed{x} <comment> Peer 1: \"I got \\boxed{99}\" </comment>\n\nLet me check.", "x" },
        { "I think 5 <comment> Peer 1: \"the answer is \\boxed{99}\" </comment>\n\nLet me continue.", "5" },
        { "<comment> Peer 1: \"\\boxed{12}\"\nPeer 2: \"\\boxed{13}\" </comment> I agree: \\boxed{12}", "12" },
        { "I was still thinking about it <comment> unterminated \\boxed{3}", null },
    };

    [Theory]
    [MemberData(nameof(MathCases))]
    public void Math_answer_is_the_last_box_in_the_paths_own_text(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractor.FindMath(text).Answer);
    }

    [Theory]
    [InlineData("So \\boxed{42}.", "42")]
    [InlineData("Thus the answer is 25.", "25")]
    [InlineData("42", null)]
    [InlineData("We try 3.\nThen 7.", null)]
    public void The_engines_explicit_answer_is_a_box_or_an_answer_phrase_only(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractor.ExtractMath(text));
    }

    [Theory]
    [InlineData("a", "bare")]
    [InlineData("b</think>", "bare")]
    [InlineData("\\boxed{1}", "boxed")]
    [InlineData("The answer is 3.", "answer-phrase")]
    [InlineData("We try 3.\nThen 7.", "last-math")]
    [InlineData("We tried hard.\nNothing.", "none")]
    public void Grading_extraction_names_its_rule(string text, string rule)
    {
        Assert.Equal(rule, AnswerExtractor.FindMath(text).Rule);
    }

    public static TheoryData<string, string?> ChoiceCases => new()
    {
        { "Reasoning...\n\"ANSWER\": \"C\"", "C" },
        { "</think> ANSWER: B", "B" },
        { "</think> ANSWER: (D)", "D" },
        { "So \\boxed{A}", "A" },
        { "So \\boxed{\\text{B}}", "B" },
        { "The answer is (C).", "C" },
        { "After all that, I pick\nD", "D" },
        { "ANSWER: E", null },
        { "\"ANSWER\": \"A\" then later ANSWER: C", "C" },
        { "I think a better idea", null },
        { "Peer said <comment> Peer 1: \"ANSWER: B\" </comment> so ANSWER: C", "C" },
        { "ANSWER: C <comment> Peer 1: \"ANSWER: B\" </comment>", "C" },
    };

    [Theory]
    [MemberData(nameof(ChoiceCases))]
    public void Choice_answer_is_the_last_explicit_letter_in_the_paths_own_text(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractor.ExtractChoice(text, 4));
    }

    [Fact]
    public void Own_text_drops_every_received_comment_block()
    {
        Assert.Equal("a  b  c", AnswerExtractor.OwnText("a <comment> x </comment> b <comment>y</comment> c"));
    }
}
