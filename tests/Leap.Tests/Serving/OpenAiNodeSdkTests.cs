using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Kinship.Leap.Tests.Serving;

/// <summary>
/// The official OpenAI Node SDK (npm <c>openai</c>, pinned by tests/Leap.Tests/node/package-lock.json; <c>.ci/run</c> runs
/// <c>npm ci</c> there) against <c>leap serve</c> with the real tiny model. Skips with a message when node or the package is absent.
/// </summary>
public sealed class OpenAiNodeSdkTests
{
    private static readonly string NodeDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "node"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Node_sdk_lists_models_and_runs_completions_and_chat_streamed_and_not()
    {
        var script = FindScript();
        await using var served = await ServedModel.StartAsync();

        var seen = await RunNodeAsync(script, served.V1.AbsoluteUri);

        Assert.Equal(["stories260K.gguf"], seen["models"]!.AsArray().Select(m => (string)m!));
        var plain = seen["plain"]!;
        Assert.Equal(", there was a little girl named Lily. She loved to play outsid", (string?)plain["text"]);
        Assert.Equal("length", (string?)plain["finish"]);
        Assert.Equal((5, 20, 25), ((int)plain["usage"]!["prompt_tokens"]!, (int)plain["usage"]!["completion_tokens"]!, (int)plain["usage"]!["total_tokens"]!));
        Assert.InRange((long)plain["created"]!, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var n = seen["n"]!.AsArray().Select(t => (string)t!).ToArray();
        Assert.Equal(3, n.Length);
        Assert.Equal(n, seen["nAgain"]!.AsArray().Select(t => (string)t!));
        Assert.True(n.Distinct().Count() > 1, "three choices gave one text");
        Assert.Equal((5, 36), ((int)seen["nUsage"]!["prompt_tokens"]!, (int)seen["nUsage"]!["completion_tokens"]!));

        Assert.Equal(", there was a little ", (string?)seen["stopped"]!["text"]);
        Assert.Equal("stop", (string?)seen["stopped"]!["finish"]);

        // one event per sampled token, then one carrying only the finish reason; no usage chunk unless asked
        var streamed = seen["streamed"]!.AsArray();
        Assert.Equal(21, streamed.Count);
        Assert.Equal((string?)plain["text"], string.Concat(streamed.Select(c => (string)c!["text"]!)));
        Assert.All(streamed.Take(20), c => Assert.NotEqual("", (string?)c!["text"]));
        Assert.Equal("length", (string?)streamed[^1]!["finish"]);
        Assert.Equal(1, (int)seen["usageChunks"]!);
        Assert.Equal(20, (int)seen["usageChunk"]!["completion_tokens"]!);

        Assert.Equal(("assistant", "length", "chat.completion"), ((string?)seen["chat"]!["role"], (string?)seen["chat"]!["finish"], (string?)seen["chat"]!["object"]));
        var chatPieces = seen["chatStreamed"]!.AsArray().Select(p => (string)p!).ToArray();
        Assert.Equal(20, chatPieces.Length);
        Assert.Equal((string?)seen["chat"]!["text"], string.Concat(chatPieces));
        Assert.Equal(20, (int)seen["chatUsage"]!["completion_tokens"]!);

        Assert.Equal(400, (int)seen["penalty"]!["status"]!);
        Assert.StartsWith("field 'presence_penalty' is not supported", (string?)seen["penalty"]!["message"], StringComparison.Ordinal);
    }

    private static string FindScript()
    {
        var script = Path.Combine(NodeDirectory, "sdk-check.mjs");
        Assert.True(File.Exists(script), $"missing {script}");
        if (!Directory.Exists(Path.Combine(NodeDirectory, "node_modules", "openai")))
        {
            Assert.Skip($"the Node SDK is not installed: run 'npm ci' in {NodeDirectory} (.ci/run does when node is present)");
        }
        return script;
    }

    private static async Task<JsonObject> RunNodeAsync(string script, string baseUrl)
    {
        var start = new ProcessStartInfo("node", [script, baseUrl])
        {
            WorkingDirectory = NodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("node is not installed");
            throw;
        }
        using (process)
        {
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            hang.CancelAfter(TimeSpan.FromMinutes(3));
            var output = process.StandardOutput.ReadToEndAsync(hang.Token);
            var errors = process.StandardError.ReadToEndAsync(hang.Token);
            try
            {
                await process.WaitForExitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await errors}");
            return JsonNode.Parse(await output)!.AsObject();
        }
    }
}
