namespace Kinship.Leap.Backends.OpenAi;

/// <summary>Where a forked sequence runs in an endpoint pool.</summary>
public enum ForkPlacement
{
    /// <summary>On its parent's endpoint, so the server's prefix cache already holds the shared prompt (the default).</summary>
    Inherit,
    /// <summary>Fork k of a sequence goes to endpoint (parent's + k) mod E: spreads one problem's paths over replicas.</summary>
    Spread,
}
