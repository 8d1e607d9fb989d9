namespace Kinship.Leap.Serving;

/// <summary>A finished completion: its choices in index order and its token usage.</summary>
/// <param name="Choices">One per requested choice, by index.</param>
/// <param name="PromptTokens">Tokens of the prompt (prefilled once, shared by every choice).</param>
/// <param name="CompletionTokens">Tokens generated over all choices.</param>
public sealed record CompletionOutcome(IReadOnlyList<CompletionChoice> Choices, int PromptTokens, int CompletionTokens);
