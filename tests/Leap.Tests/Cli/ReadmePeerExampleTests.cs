using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kinship.Leap.Tests.Backends.OpenAi;
using Microsoft.AspNetCore.Http;

namespace Kinship.Leap.Tests.Cli;

/// <summary>
/// The README's vLLM and llama-server examples, run as written through the real <c>leap</c> binary against Kestrel stand-ins that
/// speak each server's wire format (vLLM: <c>stop_reason</c>, a usage chunk with empty choices when asked, 404 for another model;
/// llama-server: <c>/props</c> slots from the example's <c>-np</c>, per-choice usage, <c>stop_type</c>, its refusal of n above its
/// slots). Only the endpoint URLs change: the GPU is what the stand-ins replace.
/// </summary>
public sealed partial class ReadmePeerExampleTests
{
    private const string Heading = "## Leap quick start";

    /// <summary>What the stand-in "model" writes for every prompt: one token per word, then end-of-sequence.</summary>
    private const string Reply = " Pair 21 with 79, 23 with 77 and so on: 15 pairs of 100.\n\nSo the answer is \\boxed{1500}.";

    private static readonly TimeSpan PerCommand = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_vllm_example_runs_as_written_against_two_vllm_stand_ins()
    {
        var block = Block("vllm serve ");
        var served = Arguments(block.Server)[2]; // vllm serve MODEL
        var leap = block.Leap;
        Assert.Single(leap);
        Assert.StartsWith("leap eval ", leap[0].Command, StringComparison.Ordinal);

        var urls = Endpoints(leap);
        Assert.Equal(2, urls.Count); // a pool of two GPU servers
        var servers = new List<PeerStandIn>();
        try
        {
            foreach (var _ in urls)
            {
                servers.Add(await PeerStandIn.StartAsync(props: null, (context, body) => VllmAsync(context, body, served)));
            }
            var commands = Substitute(leap, urls, servers);

            var problems = await RunEvalAsync(commands, "runs/aime24");

            Assert.All(servers, s => Assert.NotEmpty(s.Requests)); // paths spread over the pool
            Assert.All(servers.SelectMany(s => s.Requests), r => Assert.Equal(served, (string?)r["model"]));
            Assert.Equal(30, problems);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_llama_server_example_runs_as_written_against_a_llama_server_stand_in()
    {
        var block = Block("llama-server ");
        var args = Arguments(block.Server);
        var slots = int.Parse(Flag(args, "-np"), System.Globalization.CultureInfo.InvariantCulture);
        var context = int.Parse(Flag(args, "-c"), System.Globalization.CultureInfo.InvariantCulture);
        var alias = Flag(args, "--alias");
        var leap = block.Leap;
        Assert.Equal(["leap solve", "leap eval"], leap.Select(c => string.Join(' ', c.Command.Split(' ')[..2])));
        var urls = Endpoints(leap);
        Assert.Equal([new Uri("http://127.0.0.1:" + Flag(args, "--port"))], urls.Select(u => new Uri(u))); // the port the server was started on
        Assert.All(leap, c => Assert.Contains("--served-model " + alias, c.Command, StringComparison.Ordinal));

        var props = new JsonObject
        {
            ["default_generation_settings"] = new JsonObject { ["n_ctx"] = context / slots, ["params"] = new JsonObject { ["n_predict"] = -1 } },
            ["total_slots"] = slots,
            ["model_path"] = Flag(args, "-m"),
            ["chat_template"] = "",
        };
        await using var server = await PeerStandIn.StartAsync(props.ToJsonString(), (http, body) => LlamaServerAsync(http, body, slots));
        var commands = Substitute(leap, urls, [server]);

        var problems = await RunEvalAsync(commands, "runs/aime24-llama", solve: outcome => Assert.Contains("1500", outcome.Output, StringComparison.Ordinal));

        Assert.Equal(30, problems);
        Assert.All(server.Requests, r => Assert.InRange((int?)r["n"] ?? 1, 1, slots));
    }

    /// <summary>Runs the commands; each exits 0; the eval's folder holds one results line per benchmark problem and a summary of them all.</summary>
    private static async Task<int> RunEvalAsync(IReadOnlyList<ReadmeCommand> commands, string outFolder, Action<CliOutcome>? solve = null)
    {
        SharedData.RequireFile("data/benchmarks/aime2024.json");
        var problems = -1;
        var results = await ReadmeCommands.RunAsync("leap", commands, PerCommand, work =>
        {
            var folder = Path.Combine(work, outFolder);
            var lines = File.ReadAllLines(Path.Combine(folder, "results.jsonl"));
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!;
            Assert.Equal(lines.Length, (int)summary["problems"]!);
            Assert.Equal(0.0, (double)summary["unanswered"]!); // every path of every problem answered \boxed{1500}
            Assert.True((long)summary["tokens"]!["decoded"]! > 0);
            problems = lines.Length;
        });
        Assert.All(results, r => Assert.True(r.Outcome.ExitCode == 0, $"`{r.Command}` exited {r.Outcome.ExitCode}: {r.Outcome.Errors}"));
        foreach (var (command, outcome) in results)
        {
            if (command.StartsWith("leap solve ", StringComparison.Ordinal))
            {
                Assert.NotNull(solve);
                solve(outcome);
            }
        }
        return problems;
    }

    /// <summary>The skipped README block whose server line starts with <paramref name="server"/>: that line and the block's <c>leap</c> commands.</summary>
    private static (string Server, IReadOnlyList<ReadmeCommand> Leap) Block(string server)
    {
        var all = ReadmeCommands.NeedingMore(Heading);
        var line = Assert.Single(all, c => c.Command.StartsWith(server, StringComparison.Ordinal));
        var leap = all.Where(c => c.Block == line.Block && c.Command.StartsWith("leap ", StringComparison.Ordinal)).ToArray();
        Assert.All(leap, c => Assert.Contains("--endpoint ", c.Command, StringComparison.Ordinal));
        return (line.Command, leap);
    }

    private static List<string> Endpoints(IEnumerable<ReadmeCommand> commands) =>
        [.. commands.SelectMany(c => EndpointPattern().Matches(c.Command).Select(m => m.Groups[1].Value)).Distinct()];

    /// <summary>The commands with the i-th distinct endpoint URL replaced by the i-th stand-in's address; nothing else changes.</summary>
    private static ReadmeCommand[] Substitute(IEnumerable<ReadmeCommand> commands, List<string> urls, IReadOnlyList<PeerStandIn> servers) =>
        [.. commands.Select(c => c with
        {
            Command = EndpointPattern().Replace(c.Command, m => "--endpoint " + servers[urls.IndexOf(m.Groups[1].Value)].Url.AbsoluteUri.TrimEnd('/')),
        })];

    private static string[] Arguments(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Flag(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        Assert.True(at >= 0 && at + 1 < args.Length, $"the README's server line has no {name} value");
        return args[at + 1];
    }

    [GeneratedRegex(@"--endpoint (\S+)")]
    private static partial Regex EndpointPattern();

    /// <summary>The reply as tokens (one per word), cut at the request's <c>max_tokens</c>.</summary>
    private static (string[] Tokens, bool Cut) Tokens(JsonObject body)
    {
        var words = Regex.Split(Reply, @"(?=[ \n])").Where(w => w.Length > 0).ToArray();
        var max = (int?)body["max_tokens"] ?? int.MaxValue;
        return words.Length > max ? (words[..max], true) : (words, false);
    }

    /// <summary>vLLM's <c>/v1/completions</c> stream: chunks per choice with <c>stop_reason</c>, then a usage chunk with empty choices if asked.</summary>
    private static async Task VllmAsync(HttpContext context, JsonObject body, string served)
    {
        if ((string?)body["model"] != served)
        {
            await Results.Json(new JsonObject
            {
                ["object"] = "error",
                ["message"] = $"The model `{body["model"]}` does not exist.",
                ["type"] = "NotFoundError",
                ["param"] = null,
                ["code"] = 404,
            }, statusCode: 404).ExecuteAsync(context);
            return;
        }
        var n = (int?)body["n"] ?? 1;
        var (tokens, cut) = Tokens(body);
        JsonObject Chunk(JsonArray choices, JsonNode? usage) => new()
        {
            ["id"] = "cmpl-1", ["object"] = "text_completion", ["created"] = 1, ["model"] = served, ["choices"] = choices, ["usage"] = usage,
        };
        for (var index = 0; index < n; index++)
        {
            for (var t = 0; t < tokens.Length; t++)
            {
                var last = t == tokens.Length - 1;
                var choice = new JsonObject
                {
                    ["index"] = index, ["text"] = tokens[t], ["logprobs"] = null,
                    ["finish_reason"] = last ? (cut ? "length" : "stop") : null, ["stop_reason"] = null,
                };
                await PeerStandIn.EventAsync(context, Chunk([choice], null).ToJsonString());
            }
        }
        if ((bool?)body["stream_options"]?["include_usage"] == true)
        {
            var prompt = ((string?)body["prompt"] ?? "").Length / 4;
            var usage = new JsonObject { ["prompt_tokens"] = prompt, ["total_tokens"] = prompt + n * tokens.Length, ["completion_tokens"] = n * tokens.Length };
            await PeerStandIn.EventAsync(context, Chunk([], usage).ToJsonString());
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>llama-server's stream: each choice (one slot each) ends with <c>stop_type</c> and its own usage; n above the slots is refused.</summary>
    private static async Task LlamaServerAsync(HttpContext context, JsonObject body, int slots)
    {
        var n = (int?)body["n"] ?? 1;
        if (n > slots)
        {
            await Results.Text("""{"error":{"code":400,"message":"n_cmpl cannot be greater than the number of slots, please increase -np","type":"invalid_request_error"}}""",
                "application/json", statusCode: 400).ExecuteAsync(context);
            return;
        }
        var (tokens, cut) = Tokens(body);
        var prompt = ((string?)body["prompt"] ?? "").Length / 4;
        for (var index = 0; index < n; index++)
        {
            foreach (var token in tokens)
            {
                await PeerStandIn.EventAsync(context, new JsonObject
                {
                    ["choices"] = new JsonArray(new JsonObject { ["text"] = token, ["index"] = index, ["logprobs"] = null, ["finish_reason"] = null }),
                    ["created"] = 1, ["model"] = "gpt-3.5-turbo", ["object"] = "text_completion", ["id"] = "cmpl-x",
                }.ToJsonString());
            }
            await PeerStandIn.EventAsync(context, new JsonObject
            {
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["text"] = "", ["index"] = index, ["logprobs"] = null, ["finish_reason"] = cut ? "length" : "stop",
                    ["stop_type"] = cut ? "limit" : "eos", ["stopping_word"] = "",
                }),
                ["created"] = 1, ["model"] = "gpt-3.5-turbo", ["object"] = "text_completion", ["id"] = "cmpl-x",
                ["usage"] = new JsonObject { ["completion_tokens"] = tokens.Length, ["prompt_tokens"] = prompt, ["total_tokens"] = tokens.Length + prompt },
            }.ToJsonString());
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }
}
