namespace Kinship.Leap.Engine;

/// <summary>A path out of segments was made to answer: the text appended, what it generated, and the tokens it cost.</summary>
public sealed record ForcedAnswerEvent(int Path, string Prompt, string Text, string Reason, int TokensDecoded, int TokensPrefilled) : TraceEvent;
