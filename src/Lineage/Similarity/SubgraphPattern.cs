namespace Kinship.Lineage.Similarity;

/// <summary>The eight local family structures the study samples pairs from (§3.3); the study's code names in brackets.</summary>
public enum SubgraphPattern
{
    /// <summary>Two distinct models drawn uniformly from all models [rando].</summary>
    Random = 0,

    /// <summary>A parent→child edge [duo].</summary>
    Edge = 1,

    /// <summary>A parent with two of its children, weight C(k(p),2) [trio_1].</summary>
    Cherry = 2,

    /// <summary>A chain u→v→w, weight k(v) per edge u→v [trio_2].</summary>
    Chain3 = 3,

    /// <summary>A parent with three of its children, weight C(k(p),3) [quad_0].</summary>
    Star3 = 4,

    /// <summary>An edge u→v and two children w, x of v, weight C(k(v),2) [quad_1].</summary>
    Fork = 5,

    /// <summary>An edge u→v, a child w of v and another child x of u, weight k(v)·(k(u)−1) [quad_2].</summary>
    Aunt = 6,

    /// <summary>A chain t→u→v→w, weight indeg(u)·k(v) per edge u→v [quad_3].</summary>
    Chain4 = 7,
}
