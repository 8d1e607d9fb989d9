using Kinship.Lineage.Genealogy;
using Spectre.Console;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Loading a snapshot for a command and finding a model in it, with user-facing messages.</summary>
internal static class GenealogyCatalog
{
    public static GenealogySnapshot Load(GenealogySettings settings, Action<string> warn, CancellationToken cancellationToken)
    {
        var load = GenealogyLoader.Load(settings.Catalog, cancellationToken);
        if (load.DuplicateModelRows > 0)
        {
            warn($"catalog '{settings.Catalog}': {load.DuplicateModelRows} repeated model rows ignored (the first row of each id is used)");
        }
        if (load.UnknownChildRows > 0)
        {
            warn($"catalog '{settings.Catalog}': {load.UnknownChildRows} parents rows name a child that is not a model; ignored");
        }
        if (load.UnrecognisedRelationRows > 0)
        {
            warn($"catalog '{settings.Catalog}': {load.UnrecognisedRelationRows} parents rows have an unrecognised relation; read as unknown");
        }
        return load.Snapshot.WithVariant(settings.GraphVariant);
    }

    /// <summary>Runs <paramref name="work"/> under a spinner on an interactive terminal (never around JSON output); plainly otherwise.</summary>
    public static T WithStatus<T>(IAnsiConsole console, bool json, string status, Func<T> work)
    {
        if (json || !console.Profile.Capabilities.Interactive)
        {
            return work();
        }
        return console.Status().Start(status, _ => work());
    }

    /// <summary>The index of the model, or a message saying why it is not there.</summary>
    public static int Find(GenealogySnapshot snapshot, string model, string catalog, out string? error)
    {
        var node = snapshot.Graph.IndexOf(model);
        error = null;
        if (node >= 0)
        {
            return node;
        }
        var declaredBy = 0;
        foreach (var d in snapshot.Dangling)
        {
            declaredBy += string.Equals(d.MissingParent, model, StringComparison.Ordinal) ? 1 : 0;
        }
        error = declaredBy > 0
            ? $"model '{model}' is not in catalog '{catalog}' ({declaredBy} models name it as a parent; see them with `lineage tree CHILD --up --include-external`)"
            : $"model '{model}' is not in catalog '{catalog}'";
        return -1;
    }
}
