namespace Kinship.Leap.Serving.Wire;

/// <summary>The <c>/v1/models</c> list.</summary>
public sealed record WireModelList(string Object, IReadOnlyList<WireModel> Data);
