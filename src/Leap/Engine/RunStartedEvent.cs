namespace Kinship.Leap.Engine;

/// <summary>The run's settings and prompt size, before any generation.</summary>
public sealed record RunStartedEvent(
    int Paths, int PromptTokens, int ContextTokensNeeded, int Interval, int Budget, int SummaryTokens, int PeerCount,
    string Router, string Similarity, ulong Seed, bool SelfTrigger, bool DropLastParagraph) : TraceEvent;
