using System.Reflection;

namespace Kinship.Cli;

/// <summary>The version a tool prints for <c>--version</c>.</summary>
internal static class CliVersion
{
    /// <summary>The informational version of <paramref name="assembly"/> (the package version, plus the commit when the build knows it).</summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
