namespace Kinship.Leap.Backends;

/// <summary>Sampling settings of one sequence; defaults are the LeaP paper's (plus min-p from its released code).</summary>
public sealed record SamplingOptions
{
    public double Temperature { get; init; } = 0.6;
    public double TopP { get; init; } = 0.95;
    public int TopK { get; init; } = 40;
    public double MinP { get; init; } = 0.05;
    /// <summary>Seed of this sequence's sampler; paths get distinct seeds derived from the run seed.</summary>
    public ulong Seed { get; init; }
}
