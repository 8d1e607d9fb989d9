namespace Kinship.Leap.Evaluation;

/// <summary>How each problem is solved in an evaluation.</summary>
public enum EvaluationMethod
{
    /// <summary>N paths learning from peers (LeaP).</summary>
    Leap,
    /// <summary>The paper's baseline: N independent samples, one segment of the same total budget M·T, the plain instruction, the same answer forcing.</summary>
    Independent,
}
