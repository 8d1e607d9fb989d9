namespace Kinship.Leap.Routing;

/// <summary>How each path's k peers are chosen (LeaP paper §3.2, App. C.1).</summary>
public enum RouterKind
{
    /// <summary>The k least similar peers, least similar first.</summary>
    Dispersed,
    /// <summary>The k most similar peers, most similar first.</summary>
    Clustered,
    /// <summary>⌊k/2⌋ least similar peers, then the most similar of the rest up to k.</summary>
    Hybrid,
    /// <summary>k peers drawn uniformly without replacement (seeded).</summary>
    Random,
    /// <summary>Every other active peer, in path order (the released code's default).</summary>
    All,
}
