using System.Text.Json.Serialization;

namespace Kinship.Leap.Serving.Wire;

/// <summary>Source-generated JSON of the OpenAI wire types, snake_case, shared by <c>leap serve</c> and the HTTP backend.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WireCompletionRequest))]
[JsonSerializable(typeof(WireCompletion))]
[JsonSerializable(typeof(WireChatCompletion))]
[JsonSerializable(typeof(WireModelList))]
[JsonSerializable(typeof(WireError))]
[JsonSerializable(typeof(WireServerProps))]
public sealed partial class OpenAiWireContext : JsonSerializerContext;
