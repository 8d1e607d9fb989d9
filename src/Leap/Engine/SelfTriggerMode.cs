namespace Kinship.Leap.Engine;

/// <summary>What a LeaP-T path's own <c>&lt;summarize&gt;</c> (which ends its segment early) leads to.</summary>
public enum SelfTriggerMode
{
    /// <summary>
    /// The released code's behaviour: the model's tag goes with its dangling paragraph and the path gets a fresh recap trigger and
    /// summary opening, like every other path.
    /// </summary>
    Replace,

    /// <summary>The model's tag stays and the model writes its summary right after it (no trigger, no opening).</summary>
    Continue,
}
