namespace Kinship.Lineage.Tests.Hub;

/// <summary>Paths of the fixtures under tests/Lineage.Tests/Fixtures/hub (copied beside the test assembly).</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "hub", name);
}
