namespace Kinship.Lineage.Tests.Genealogy;

/// <summary>
/// The hand-made "zoo" graph every exact-statistics test uses (ids in ordinal order:
/// a/ft1 a/ft2 a/q1 b/ad1 base/a base/b c/one c/three c/two d/orphan lone/x m/merge1 s/self t/m t/y t/z u/unk).
/// <code>
/// base/a ─ft→ a/ft1 ─quantized→ a/q1          c/one ⇄ft c/two ─ft→ c/three   (a two-model cycle)
///        └ft→ a/ft2 ─merge→ m/merge1 ←merge─ b/ad1 ←adapter─ base/b ─unknown→ u/unk
///                           m/merge1 ─merge→ missing/x (absent)          d/orphan ─ft→ gone/base (absent)
/// t/y ─merge→ t/m ←merge─ t/z   (a root tie)  s/self names itself    lone/x has no parent
/// </code>
/// </summary>
internal static class ZooCatalog
{
    public static TestCatalog Create()
    {
        var catalog = new TestCatalog();
        catalog
            .Model("base/a", "2024-01-15T10:00:00Z", ["apache-2.0"], 1000)
            .Model("a/ft1", "2024-01-20T10:00:00Z", ["apache-2.0"], 50)
            .Model("a/ft2", "2024-03-01T00:00:00Z", ["mit"], 7)
            .Model("a/q1", "2024-03-05T00:00:00Z", ["apache-2.0"], 3)
            .Model("base/b", "2023-12-31T23:30:00Z", ["llama3"], 900)
            .Model("b/ad1", "2024-03-10T00:00:00Z", ["llama3"], 12)
            .Model("u/unk", "2024-03-31T23:59:59Z", [], 0)
            .Model("m/merge1")
            .Model("c/one").Model("c/two").Model("c/three")
            .Model("s/self").Model("d/orphan").Model("lone/x")
            .Model("t/y").Model("t/z").Model("t/m");
        catalog
            .Parent("a/ft1", "base/a", "finetune")
            .Parent("a/ft2", "base/a", "finetune")
            .Parent("a/q1", "a/ft1", "quantized")
            .Parent("b/ad1", "base/b", "adapter")
            .Parent("u/unk", "base/b", "unknown")
            .Parent("m/merge1", "a/ft2", "merge")
            .Parent("m/merge1", "b/ad1", "merge")
            .Parent("m/merge1", "missing/x", "merge")
            .Parent("c/two", "c/one", "finetune")
            .Parent("c/one", "c/two", "finetune")
            .Parent("c/three", "c/two", "finetune")
            .Parent("s/self", "s/self", "finetune")
            .Parent("d/orphan", "gone/base", "finetune")
            .Parent("t/m", "t/y", "merge")
            .Parent("t/m", "t/z", "merge");
        return catalog;
    }
}
