using System.Text;
using Kinship.Leap.Backends;

namespace Kinship.Leap.Prompting;

/// <summary>
/// Every piece of text the engine writes into a conversation: instructions, the example summary, recap triggers,
/// summary openings, peer-comment blocks and forced answers (LeaP paper §3 and App. A; our own wording).
/// </summary>
public sealed record PromptBook
{
    /// <summary>The book the engine uses unless told otherwise.</summary>
    public static PromptBook Default { get; } = new();

    /// <summary>Opening tag of a summary.</summary>
    public const string SummarizeOpen = "<summarize>";

    /// <summary>Closing tag of a summary.</summary>
    public const string SummarizeClose = "</summarize>";

    /// <summary>The tag that closes a reasoning model's thinking.</summary>
    public const string ThinkClose = "</think>";

    /// <summary>An example summary about a made-up arithmetic problem (deliberately no benchmark problem).</summary>
    public string MathExampleSummary { get; init; } =
        "So far, my main conclusions are that the sum of the first n odd numbers is n², so the first 40 odd numbers add up to 1600 " +
        "and the odd numbers below 20 add up to 10² = 100. My progress: the odd numbers from 21 to 79 should then add up to " +
        "1600 − 100 = 1500, and I still want to confirm it with the count of terms (30) times their mean (50).";

    /// <summary>An example summary about a made-up chemistry question (deliberately no benchmark problem).</summary>
    public string MultipleChoiceExampleSummary { get; init; } =
        "So far, my main conclusions are that a 0.010 M solution of a strong acid such as HCl dissociates completely, " +
        "so [H⁺] = 0.010 M and the pH is 2. My progress: options B and D assume partial dissociation and are ruled out; " +
        "I still have to decide between A and C, which differ only in the temperature they assume.";

    /// <summary>Instruction after a math problem (LeaP mode): step by step, summaries, peer comments, <c>\boxed{}</c>.</summary>
    public string MathInstruction { get; init; } =
        "Work through the problem step by step. Whenever you reach intermediate results, pause and summarize them between " +
        "<summarize> and </summarize>; peers working on the same problem will then send you their own summaries between " +
        "<comment> and </comment>. A summary could look like this:\n\n<summarize> {example} </summarize>\n" +
        "<comment> Your peers' summaries will appear here. </comment>\n\nWhen you are sure of the final answer, write it inside \\boxed{}.";

    /// <summary>Instruction after a multiple-choice problem (LeaP mode): as the math one, answering <c>"ANSWER": "C"</c>.</summary>
    public string MultipleChoiceInstruction { get; init; } =
        "Work through the question step by step. Whenever you reach intermediate results, pause and summarize them between " +
        "<summarize> and </summarize>; peers working on the same question will then send you their own summaries between " +
        "<comment> and </comment>. A summary could look like this:\n\n<summarize> {example} </summarize>\n" +
        "<comment> Your peers' summaries will appear here. </comment>\n\nWhen you are sure, give the letter of your choice " +
        "in an answer field written exactly as \"ANSWER\": \"C\" (with your letter in place of C).";

    /// <summary>Plain step-by-step instruction for math (LeaP-T mode: the tuned model already knows the summary format).</summary>
    public string MathPlainInstruction { get; init; } = "Work through the problem step by step and write the final answer inside \\boxed{}.";

    /// <summary>Plain step-by-step instruction for multiple choice (LeaP-T mode).</summary>
    public string MultipleChoicePlainInstruction { get; init; } =
        "Work through the question step by step. When you are sure, give the letter of your choice in an answer field " +
        "written exactly as \"ANSWER\": \"C\" (with your letter in place of C).";

    /// <summary>The assistant's own opening in LeaP mode: it restates the summary habit with the example, then turns to the problem.</summary>
    public string AssistantPreamble { get; init; } =
        "This problem needs careful, organised work. I was asked to stop whenever I reach intermediate results and summarize " +
        "them between <summarize> and </summarize>, for example:\n\n<summarize> {example} </summarize>\n\n" +
        "With that in mind, let me turn to the problem itself.\n";

    /// <summary>Sentences that ask for a recap before a summary (one is picked per path per round).</summary>
    public IReadOnlyList<string> RecapTriggers { get; init; } =
    [
        "Let me pause here and briefly recap what I have worked out so far.",
        "Before going further, I should sum up my findings.",
        "A short recap of my progress would help me stay on track.",
        "Let me gather the key results so far into a brief summary.",
        "This is a good moment to consolidate what I know.",
        "To keep my reasoning organised, let me summarize where I stand.",
        "Let me step back and condense my progress into a few lines.",
    ];

    /// <summary>Clauses that open a summary after <c>&lt;summarize&gt;</c>; the model continues them (one is picked per path per round).</summary>
    public IReadOnlyList<string> SummaryOpenings { get; init; } =
    [
        "So far, my main conclusions are that",
        "In brief, what I have established is that",
        "Summing up, my key results at this point are",
        "To recap, my reasoning so far shows that",
        "Put shortly, my current findings are",
        "In summary, the insights I have gathered so far are",
    ];

    /// <summary>Sentence after a peer-comment block, inviting the path to check whether its peers disagree.</summary>
    public string ReflectionSentence { get; init; } =
        "My peers have shared their progress, so let me check whether any of their conclusions differ from mine before I continue my own reasoning.";

    /// <summary>Sentence after the empty comment block a lone path receives.</summary>
    public string LoneSentence { get; init; } = "No peer has anything to add this time, so I will carry on with my own reasoning.";

    /// <summary>Lead-in before a forced math answer.</summary>
    public string MathAnswerLeadIn { get; init; } = "I believe I have reached the final answer.";

    /// <summary>Lead-in before a forced multiple-choice answer.</summary>
    public string MultipleChoiceAnswerLeadIn { get; init; } = "I will now state my choice as a single letter in the answer field.";

    /// <summary>The user turn: the problem (with options for multiple choice) followed by the instruction.</summary>
    public string UserMessage(Problem problem, bool selfTrigger)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Kind == ProblemKind.Math)
        {
            var instruction = selfTrigger ? MathPlainInstruction : MathInstruction.Replace("{example}", MathExampleSummary, StringComparison.Ordinal);
            return problem.Text.TrimEnd() + " " + instruction;
        }
        var text = new StringBuilder(problem.Text.TrimEnd());
        var options = problem.Options ?? [];
        for (var i = 0; i < options.Count; i++)
        {
            text.Append('\n').Append(OptionLetter(i)).Append(") ").Append(options[i].Trim());
        }
        text.Append("\n\n");
        text.Append(selfTrigger ? MultipleChoicePlainInstruction : MultipleChoiceInstruction.Replace("{example}", MultipleChoiceExampleSummary, StringComparison.Ordinal));
        return text.ToString();
    }

    /// <summary>The text the assistant turn starts with (LeaP mode) or the empty string (LeaP-T mode).</summary>
    public string AssistantPrefix(ProblemKind kind, bool selfTrigger) =>
        selfTrigger ? "" : AssistantPreamble.Replace("{example}", kind == ProblemKind.Math ? MathExampleSummary : MultipleChoiceExampleSummary, StringComparison.Ordinal);

    /// <summary>The full prompt: the rendered chat turn followed by the assistant prefix.</summary>
    public string Prompt(Problem problem, ChatTemplateKind template, IGenerationBackend backend, bool selfTrigger)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ChatMessage[] messages = [new("user", UserMessage(problem, selfTrigger))];
        return ChatTemplates.Render(template, messages, backend) + AssistantPrefix(problem.Kind, selfTrigger);
    }

    /// <summary>What is appended to ask for a summary: a blank line, a recap trigger, then <c> &lt;summarize&gt; </c> and an opening clause.</summary>
    public string SummaryRequest(int trigger, int opening) =>
        "\n\n" + RecapTriggers[trigger] + " " + SummarizeOpen + " " + SummaryOpenings[opening];

    /// <summary>
    /// The peer-comment block (LeaP paper §3, released format): <c> &lt;comment&gt; Peer 1: "…"</c>, one peer per line,
    /// <c> &lt;/comment&gt;</c>, a blank line and the reflection sentence; a lone path gets the "no comments" variant.
    /// </summary>
    public string CommentBlock(IReadOnlyList<string> peerSummaries)
    {
        ArgumentNullException.ThrowIfNull(peerSummaries);
        if (peerSummaries.Count == 0)
        {
            return " <comment> No comments </comment>\n\n" + LoneSentence;
        }
        var text = new StringBuilder(" <comment> ");
        for (var i = 0; i < peerSummaries.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }
            text.Append("Peer ").Append(i + 1).Append(": \"").Append(peerSummaries[i]).Append('"');
        }
        text.Append(" </comment>\n\n").Append(ReflectionSentence);
        return text.ToString();
    }

    /// <summary>What is appended to a path still thinking after its last segment so that it states an answer.</summary>
    public string ForcedAnswer(ProblemKind kind) => kind == ProblemKind.Math
        ? "\n\n" + MathAnswerLeadIn + "\n\n**Final Answer** \\boxed{"
        : " " + MultipleChoiceAnswerLeadIn + " " + ThinkClose + " ANSWER:";

    /// <summary>The option letter of a zero-based option index (A, B, ...).</summary>
    public static char OptionLetter(int index) => (char)('A' + index);
}
