using System.Diagnostics;
using System.Text;
using Kinship.Leap.Backends;
using Kinship.Leap.Backends.Llama;

namespace Kinship.Leap.Bench;

/// <summary>
/// Prefill work of one LeaP round for one path at a given context length: ours appends only the summary trigger and the
/// peer-comment block (the path's own summary was decoded into the cache); the paper's released code re-sent the whole
/// text as a new prompt, so every round re-prefilled the context too.
/// </summary>
internal static class PrefillBenchmarks
{
    public sealed record Figures(string Model, int ContextTokens, int TriggerTokens, int SummaryTokens, int CommentTokens,
        long OursPrefilled, double OursSeconds, long ResendPrefilled, double ResendContextSeconds)
    {
        public double TokenRatio => (double)ResendPrefilled / OursPrefilled;
    }

    private const string Story = "Lily and her mom went to the park. They saw a big red ball and played all day long. ";
    private const string Trigger = "\n\nLet me pause and recap what I have worked out so far. <summarize> To sum up, ";

    public static async Task<Figures> RunAsync(string model, string label, int context, int summaryTokens, int peers, int threads)
    {
        await using var backend = await LlamaBackend.LoadAsync(new LlamaBackendOptions
        {
            ModelPath = model, ContextTokens = context + 2048, MaxSequences = 1, Threads = threads,
        });
        var contextText = Repeat(backend, context);
        var summary = Repeat(backend, summaryTokens);
        var comments = new StringBuilder(" <comment>");
        for (var p = 1; p <= peers; p++)
        {
            comments.Append("\nPeer ").Append(p.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(": \"").Append(summary).Append('"');
        }
        comments.Append(" </comment>\n\nCompare your peers' conclusions with your own and check any step where they differ.\n\n");

        // the context as the path holds it when the round starts: one full prefill (what a re-send pays every round)
        var clock = Stopwatch.StartNew();
        using var sequence = await backend.StartAsync(contextText, new SamplingOptions { Temperature = 0 }, CancellationToken.None);
        var contextSeconds = clock.Elapsed.TotalSeconds;
        var contextTokens = sequence.ContextTokens;

        // ours: the trigger is prefilled, the summary decoded (already in the cache), then the comment block prefilled
        sequence.Append(Trigger);
        clock.Restart();
        var trigger = (await backend.GenerateAsync([new GenerationRequest(sequence, 0, [])], null, CancellationToken.None))[0];
        var oursSeconds = clock.Elapsed.TotalSeconds;
        var decoded = (await backend.GenerateAsync([new GenerationRequest(sequence, summaryTokens, [])], null, CancellationToken.None))[0];
        sequence.Append(comments.ToString());
        clock.Restart();
        var comment = (await backend.GenerateAsync([new GenerationRequest(sequence, 0, [])], null, CancellationToken.None))[0];
        oursSeconds += clock.Elapsed.TotalSeconds;

        var ours = (long)trigger.TokensPrefilled + comment.TokensPrefilled;
        var resend = (long)contextTokens + trigger.TokensPrefilled + decoded.TokensDecoded + comment.TokensPrefilled;
        return new Figures(label, contextTokens, trigger.TokensPrefilled, decoded.TokensDecoded, comment.TokensPrefilled, ours, oursSeconds, resend, contextSeconds);
    }

    /// <summary>Story text of about <paramref name="tokens"/> tokens (whole sentences, never more).</summary>
    private static string Repeat(LlamaBackend backend, int tokens)
    {
        var perStory = backend.CountTokens(Story);
        var builder = new StringBuilder();
        for (var i = 0; i < tokens / perStory; i++)
        {
            builder.Append(Story);
        }
        return builder.ToString();
    }
}
