using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

public sealed class AnswerEquivalenceTests
{
    public static TheoryData<string, string> Equivalent => new()
    {
        // integers, leading zeros, signs
        { "25", "025" }, { "025", "25" }, { "0", "000" }, { "7", "+7" }, { "-3", "-3" }, { "100", "100.0" },
        { "123456789012345678901", "123456789012345678901" }, { "70", "70" }, { " 42 ", "42" }, { "42.", "42" },
        // decimals
        { "0.5", "\\frac{1}{2}" }, { ".5", "0.5" }, { "2.50", "2.5" }, { "1.25", "\\frac54" }, { "-0.75", "-\\frac{3}{4}" },
        // fractions
        { "\\dfrac{3}{4}", "\\frac{3}{4}" }, { "\\tfrac{3}{4}", "3/4" }, { "\\frac{6}{8}", "\\frac34" }, { "\\frac{-1}{2}", "-\\frac12" },
        { "(3)/(4)", "\\frac{3}{4}" }, { "\\frac{\\sqrt{3}}{2}", "\\sqrt{3}/2" }, { "2\\frac{1}{2}", "\\frac{5}{2}" }, { "\\cfrac{1}{3}", "1/3" },
        { "\\frac{1}{\\frac{1}{2}}", "2" }, { "10/4", "2.5" },
        // roots
        { "\\sqrt{12}", "2\\sqrt{3}" }, { "\\sqrt3", "\\sqrt{3}" }, { "2\\sqrt{2}", "\\sqrt{8}" }, { "\\sqrt[3]{27}", "3" }, { "\\sqrt{2}/2", "\\frac{1}{\\sqrt{2}}" },
        { "√2", "\\sqrt{2}" }, { "\\sqrt[3]{-8}", "-2" }, { "3\\sqrt{5}+1", "1+\\sqrt{45}" },
        // pi
        { "2\\pi", "2π" }, { "\\frac{\\pi}{3}", "\\pi/3" }, { "\\pi r^2", "r^2\\pi" }, { "6\\pi", "6 \\pi" }, { "\\frac{3\\pi}{2}", "1.5\\pi" },
        // percent
        { "50\\%", "50" }, { "50%", "0.5" }, { "12.5\\%", "12.5%" }, { "25 \\%", "\\frac{1}{4}" },
        // degrees and units
        { "30^\\circ", "30" }, { "30^{\\circ}", "30°" }, { "45 degrees", "45" }, { "5 cm", "5" }, { "12\\text{ cm}", "12" },
        { "\\$18.90", "18.90" }, { "18 dollars", "18" }, { "3\\mbox{ inches}", "3" }, { "100 \\text{meters}", "100" }, { "90^\\circ", "90^{\\circ}" },
        // thousands separators
        { "1,000", "1000" }, { "12,345,678", "12345678" }, { "1{,}000", "1000" }, { "1\\,000", "1000" }, { "-2,500.5", "-2500.5" },
        // \text, \left \right, spacing, $ signs
        { "\\text{5}", "5" }, { "$\\frac{1}{2}$", "\\frac{1}{2}" }, { "\\left(\\frac{1}{2}\\right)", "\\frac12" }, { "\\( 7 \\)", "7" }, { "\\displaystyle\\frac{2}{3}", "2/3" },
        { "\\text{Evelyn}", "Evelyn" }, { "\\textbf{9}", "9" }, { "\\!\\!12", "12" },
        // variable prefixes
        { "x = 5", "5" }, { "k=\\frac{1}{3}", "\\frac13" }, { "\\theta = 30^\\circ", "30" }, { "x \\in [1, 2]", "[1,2]" }, { "n_1 = 4", "4" },
        // algebraic expressions
        { "x^2+2x+1", "(x+1)^2" }, { "2x+3", "3+2x" }, { "\\frac{x}{2}", "0.5x" }, { "a b", "ba" }, { "x(x-1)", "x^2-x" },
        { "\\frac{1}{x}+\\frac{1}{y}", "\\frac{x+y}{xy}" }, { "2^{10}", "1024" }, { "10^3", "1000" }, { "3 \\cdot 4", "12" }, { "6 \\times 7", "42" },
        { "e^{2}", "e^2" }, { "\\ln(e^3)", "3" }, { "\\log_{2} 8", "3" }, { "5!", "120" }, { "|-4|", "4" },
        { "\\sin^2 x + \\cos^2 x", "1" }, { "\\sqrt{x^2}", "|x|" }, { "2^{-1}", "\\frac{1}{2}" }, { "-x^2", "-(x^2)" }, { "(a+b)^2", "a^2+2ab+b^2" },
        { "\\alpha + \\beta", "\\beta + \\alpha" }, { "x_1 + x_2", "x_2 + x_1" }, { "y = 2x + 1", "y=1+2x" }, { "2y = 4x + 2", "y = 2x + 1" },
        // tuples
        { "(1, 2)", "(1,2)" }, { "(\\frac{1}{2}, 3)", "(0.5, 3)" }, { "(025, 3)", "(25, 3)" }, { "(1, 2, 3)", "\\left( 1, 2, 3 \\right)" }, { "(-1,\\sqrt{4})", "(-1,2)" },
        // intervals
        { "[0, 1]", "[0,1]" }, { "(0, \\infty)", "(0,\\infty)" }, { "(-\\infty, 2]", "(-∞, 2]" }, { "[1, 5)", "[1,5)" }, { "(-\\infty,0)\\cup(1,\\infty)", "(1,\\infty)\\cup(-\\infty,0)" },
        // sets and bare lists
        { "\\{1, 2, 3\\}", "\\{3, 2, 1\\}" }, { "\\{\\frac12, 2\\}", "\\{2, 0.5\\}" }, { "1, 2", "2, 1" }, { "-2, 3", "3,-2" }, { "\\lbrace 4, 5 \\rbrace", "\\{5,4\\}" },
        { "\\{1, 1, 2\\}", "\\{1, 2\\}" }, { "x = 1, 2", "1, 2" },
    };

    public static TheoryData<string, string> NotEquivalent => new()
    {
        // integers and near misses
        { "24", "025" }, { "250", "25" }, { "-25", "25" }, { "1000000000001", "1000000000000" }, { "123456789012345678901", "123456789012345678902" },
        { "7", "17" }, { "0", "1" },
        // substring false positives of the released scorer
        { "2", "25" }, { "12", "123" }, { "\\frac{1}{2}", "\\frac{1}{23}" }, { "x+1", "x+12" }, { "Eve", "Evelyn" }, { "3", "\\sqrt{3}" },
        // decimals and fractions
        { "0.33", "\\frac{1}{3}" }, { "0.333", "1/3" }, { "\\frac{3}{4}", "\\frac{4}{3}" }, { "2.5", "2.05" }, { "\\frac{1}{2}", "2" }, { "1/2", "-1/2" },
        { "2\\frac{1}{2}", "1" },
        // roots and pi
        { "\\sqrt{2}", "2" }, { "\\sqrt{3}", "1.732" }, { "\\sqrt[3]{8}", "\\sqrt{8}" }, { "\\pi", "3.14" }, { "2\\pi", "\\pi" }, { "\\frac{\\pi}{2}", "\\frac{\\pi}{3}" },
        // percent, degrees, units
        { "50\\%", "5" }, { "30^\\circ", "60" }, { "5 cm", "50" }, { "1,000", "100" }, { "1,000", "1" },
        // algebra
        { "x^2+1", "(x+1)^2" }, { "2x", "x^2" }, { "x+y", "x-y" }, { "\\frac{x}{2}", "2x" }, { "a", "b" }, { "y = 2x + 1", "y = 2x - 1" },
        { "x^2", "|x|" }, { "e^2", "2e" },
        // tuples, intervals, sets
        { "(1, 2)", "(2, 1)" }, { "(1, 2)", "[1, 2]" }, { "[1, 2)", "[1, 2]" }, { "(1, 2, 3)", "(1, 2)" }, { "(0, \\infty)", "(0, 1)" },
        { "\\{1, 2\\}", "\\{1, 3\\}" }, { "\\{1, 2\\}", "\\{1, 2, 3\\}" }, { "1, 2", "1" }, { "(1,2)", "1, 2" },
        // text and empty
        { "yes", "no" }, { "", "5" }, { "5", "" }, { "Evelyn", "Bob" }, { "\\text{odd}", "\\text{even}" },
    };

    [Theory]
    [MemberData(nameof(Equivalent))]
    public void Equivalent_forms_grade_correct(string predicted, string reference)
    {
        Assert.True(AnswerEquivalence.AreEquivalent(predicted, reference), $"expected '{predicted}' ≡ '{reference}' (normalized '{AnswerEquivalence.Normalize(predicted)}' vs '{AnswerEquivalence.Normalize(reference)}')");
        Assert.True(AnswerEquivalence.AreEquivalent(reference, predicted), $"expected symmetry for '{reference}' ≡ '{predicted}'");
    }

    [Theory]
    [MemberData(nameof(NotEquivalent))]
    public void Different_answers_grade_wrong(string predicted, string reference)
    {
        Assert.False(AnswerEquivalence.AreEquivalent(predicted, reference), $"expected '{predicted}' ≢ '{reference}' (normalized '{AnswerEquivalence.Normalize(predicted)}' vs '{AnswerEquivalence.Normalize(reference)}')");
    }

    [Fact]
    public void A_missing_prediction_is_wrong()
    {
        Assert.False(AnswerEquivalence.AreEquivalent(null, "5"));
    }

    [Theory]
    [InlineData("C", "C", true)]
    [InlineData("(c)", "C", true)]
    [InlineData("B", "C", false)]
    [InlineData(null, "C", false)]
    public void Choices_compare_by_letter(string? predicted, string reference, bool expected)
    {
        Assert.Equal(expected, AnswerEquivalence.SameChoice(predicted, reference));
    }
}
