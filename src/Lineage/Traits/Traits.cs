namespace Kinship.Lineage.Traits;

/// <summary>Names of <see cref="Trait"/> values as <c>results.json</c> writes them.</summary>
public static class Traits
{
    /// <summary>Every trait, in enum order.</summary>
    public static readonly IReadOnlyList<Trait> All = [Trait.License, Trait.Language, Trait.Task, Trait.Library];

    /// <summary>The lower-case name of a trait: <c>license</c>, <c>language</c>, <c>task</c>, <c>library</c>.</summary>
    public static string Name(this Trait trait) => trait switch
    {
        Trait.License => "license",
        Trait.Language => "language",
        Trait.Task => "task",
        _ => "library",
    };
}
