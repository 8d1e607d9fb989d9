namespace Kinship.Leap.Serving.Wire;

/// <summary>llama-server's <c>default_generation_settings</c>: the context of one slot.</summary>
public sealed record WireGenerationSettings
{
    public int? NCtx { get; init; }
}
