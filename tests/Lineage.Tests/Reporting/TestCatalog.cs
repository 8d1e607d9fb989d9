using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Tests.Reporting;

/// <summary>A small real DuckDB catalog written with plain SQL (the importer's job in production), deleted on dispose.</summary>
internal sealed class TestCatalog : IDisposable
{
    public TestCatalog()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kinship-report-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "lineage.duckdb");
        using var connection = new DuckDBConnection($"Data Source={Path}");
        connection.Open();
        Execute(connection, CatalogSchema.Ddl);
        // A family: base → chat, chat-2, chat-3 (fine-tunes); chat → math, math-2 (fine-tunes); math → gguf (quantized);
        // two unrelated models; one model without card.
        var models = new (string Id, string License, string Task, string Language, string Library, string Card)[]
        {
            ("org/base", "apache-2.0", "text-generation", "en", "transformers", Card("The base model, trained from scratch on web text.")),
            ("org/chat", "apache-2.0", "text-generation", "en", "transformers", Card("A chat fine-tune of org/base for dialogue.")),
            ("org/chat-2", "apache-2.0", "text-generation", "en", "transformers", Card("A chat fine-tune of org/base for dialogue.")),
            ("org/chat-3", "mit", "text-generation", "en", "transformers", Card("A chat fine-tune of org/base for dialogue.")),
            ("org/math", "mit", "text-generation", "en", "peft", Card("Math tuning of org/chat on competition problems.")),
            ("org/math-2", "mit", "text-generation", "fr", "peft", Card("Math tuning of org/chat on competition problems.")),
            ("other/gguf", "mit", "text-generation", "en", "gguf", Card("Quantized GGUF files of org/math.")),
            ("lone/vision", "cc-by-4.0", "image-classification", "", "timm", Card("An image classifier for birds.")),
            ("lone/audio", "other", "automatic-speech-recognition", "de", "transformers", ""),
        };
        foreach (var m in models)
        {
            var json = $$"""{"_id":"{{m.Id.GetHashCode():x8}}","id":"{{m.Id}}","tags":["license:{{m.License}}","{{m.Task}}","{{m.Library}}"],"pipeline_tag":"{{m.Task}}","library_name":"{{m.Library}}","modelId":"{{m.Id}}"}""";
            Execute(connection, $"""
                INSERT INTO models (id, task, library, licenses, languages, card, raw_json) VALUES
                ('{m.Id}', '{m.Task}', '{m.Library}', ['{m.License}'], {(m.Language.Length == 0 ? "[]" : $"['{m.Language}']")},
                 {(m.Card.Length == 0 ? "NULL" : $"'{m.Card}'")}, '{json}')
                """);
        }
        foreach (var (child, parent, relation) in new[]
        {
            ("org/chat", "org/base", "finetune"), ("org/chat-2", "org/base", "finetune"), ("org/chat-3", "org/base", "finetune"),
            ("org/math", "org/chat", "finetune"), ("org/math-2", "org/chat", "finetune"), ("other/gguf", "org/math", "quantized"),
            ("org/math", "deleted/ghost", "finetune"),
        })
        {
            Execute(connection, $"INSERT INTO parents (child, parent, relation, source) VALUES ('{child}', '{parent}', '{relation}', 'tags')");
        }
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Card(string head) => head + " " + string.Concat(Enumerable.Repeat("It is documented here in some detail. ", 16));

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
