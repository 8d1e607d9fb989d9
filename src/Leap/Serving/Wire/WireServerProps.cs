namespace Kinship.Leap.Serving.Wire;

/// <summary>The part of llama-server's <c>GET /props</c> the HTTP backend reads: its slots and their context.</summary>
public sealed record WireServerProps
{
    public int? TotalSlots { get; init; }
    public WireGenerationSettings? DefaultGenerationSettings { get; init; }
}
