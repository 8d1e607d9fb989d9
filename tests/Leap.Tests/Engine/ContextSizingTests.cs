using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Tests.Engine;

public sealed class ContextSizingTests
{
    [Theory]
    [InlineData(1000, 50_000L, 4096L, 1000)]   // -c/--ctx-size wins
    [InlineData(null, 5000L, 4096L, 4096)]     // what the budget needs, capped at the trained context
    [InlineData(null, 3000L, 4096L, 3000)]
    [InlineData(null, 3000L, null, 3000)]      // no trained context in the file: the budget alone
    [InlineData(null, null, 32768L, 8192)]     // a server (open-ended work): 8192, capped at the trained context
    [InlineData(null, null, 2048L, 2048)]
    [InlineData(null, null, null, 2048)]       // a server on a model that does not say
    [InlineData(null, 10L, null, 64)]          // never below the minimum
    public void One_rule_sizes_the_context_of_solve_eval_and_serve(int? requested, long? needs, long? trained, int expected) =>
        Assert.Equal(expected, ContextBudget.Size(requested, needs, trained));

    [Fact]
    public void The_upper_bound_covers_the_budget_and_grows_with_every_term()
    {
        var problem = Problem.Math("What is 2 + 2?");
        var options = new LeapOptions { Paths = 4, Interval = 100, Budget = 3, SummaryTokens = 20, PeerCount = 2 };
        var bound = ContextBudget.UpperBound(options, problem);

        Assert.True(bound > 3 * 100 + 2 * (3 * 20), $"bound {bound} is below M·T plus the rounds' summaries");
        Assert.True(ContextBudget.UpperBound(options with { Interval = 200 }, problem) == bound + 300);
        Assert.True(ContextBudget.UpperBound(options with { PeerCount = 3 }, problem) > bound);
        Assert.True(ContextBudget.UpperBound(options with { SummaryTokens = 40 }, problem) > bound);
    }
}
