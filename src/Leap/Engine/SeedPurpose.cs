namespace Kinship.Leap.Engine;

/// <summary>Coordinates that keep the engine's derived seeds apart (see <see cref="Routing.Seeds.Mix"/>).</summary>
internal static class SeedPurpose
{
    public const ulong Sampling = 1;
    public const ulong Trigger = 2;
    public const ulong Opening = 3;
    public const ulong Routing = 4;
}
