namespace Kinship.Leap.Serving.Wire;

/// <summary>OpenAI <c>stream_options</c>: whether a last chunk carries the request's usage.</summary>
public sealed record WireStreamOptions(bool? IncludeUsage);
