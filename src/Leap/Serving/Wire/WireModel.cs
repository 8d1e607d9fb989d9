namespace Kinship.Leap.Serving.Wire;

/// <summary>One entry of <c>/v1/models</c> (with vLLM's <c>max_model_len</c>).</summary>
public sealed record WireModel(string Id, string Object, long Created, string OwnedBy, int? MaxModelLen);
