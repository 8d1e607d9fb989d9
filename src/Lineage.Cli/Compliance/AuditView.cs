using Kinship.Lineage.Cli.Terminal;
using Kinship.Lineage.Compliance;
using Spectre.Console;

namespace Kinship.Lineage.Cli.Compliance;

/// <summary>Renders an <see cref="AuditResult"/> as two tables: the ancestry and its findings.</summary>
internal static class AuditView
{
    public static void Render(IAnsiConsole console, AuditResult audit)
    {
        var ancestry = new Table().Title($"Ancestry of {TerminalText.Markup(audit.Model)}")
            .AddColumn("Generation").AddColumn("Model").AddColumn("Licenses").AddColumn("Categories");
        foreach (var model in audit.Ancestry)
        {
            ancestry.AddRow(
                model.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TerminalText.Markup(model.Id),
                TerminalText.Markup(model.Licenses.Count == 0 ? "(none)" : string.Join(", ", model.Licenses)),
                TerminalText.Markup(string.Join(", ", model.Categories)));
        }
        console.Write(ancestry);
        if (audit.Findings.Count == 0)
        {
            console.MarkupLineInterpolated($"No findings on {audit.EdgesChecked} checked edges.");
            return;
        }
        var findings = new Table().Title($"{audit.Findings.Count} findings on {audit.EdgesChecked} checked edges")
            .AddColumn("Severity").AddColumn("Rule").AddColumn("Parent → child").AddColumn("Relation").AddColumn("Licenses");
        foreach (var f in audit.Findings)
        {
            var color = f.Severity switch { FindingSeverity.High => "red", FindingSeverity.Medium => "yellow", _ => "grey" };
            findings.AddRow(
                $"[{color}]{f.Severity.ToString().ToLowerInvariant()}[/]",
                TerminalText.Markup(f.Rule.Name()),
                TerminalText.Markup($"{f.Parent} → {f.Child}"),
                TerminalText.Markup(f.Relation),
                TerminalText.Markup($"{Join(f.ParentLicenses)} → {Join(f.ChildLicenses)}"));
        }
        console.Write(findings);
        foreach (var rule in audit.Findings.Select(f => f.Rule).Distinct())
        {
            console.MarkupLineInterpolated($"[bold]{rule.Name()}[/]: {rule.Description()}");
        }
    }

    private static string Join(IReadOnlyList<string> licenses) => licenses.Count == 0 ? "(none)" : string.Join("+", licenses);
}
