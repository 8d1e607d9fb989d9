namespace Kinship.Leap.Prompting;

/// <summary>How a problem is answered: a free-form value in <c>\boxed{}</c> or one lettered choice.</summary>
public enum ProblemKind
{
    /// <summary>Math: the final answer goes in <c>\boxed{}</c>.</summary>
    Math,
    /// <summary>Multiple choice: the final answer is one option letter, written <c>"ANSWER": "C"</c>.</summary>
    MultipleChoice,
}
