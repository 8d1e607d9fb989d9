namespace Kinship.Leap.Bench;

/// <summary>The bench's modes and options, printed by <c>--help</c> (every mode otherwise starts measuring at once).</summary>
internal static class Usage
{
    public const string Text = """
        Kinship.Leap.Bench: decode and serving throughput of the in-process llama.cpp backend against peers measured in the same run.

        usage: dotnet run -c Release --project bench/Leap.Bench -- [MODE] [OPTIONS]

        modes
          (none)    decode throughput (LLamaSharp loop, backend, LeaP engine segments) and one LeaP round's prefill work
                    options: --quick  --only stories260K|random-25M  --threads N  --work DIR  --no-prefill  --json FILE (leap-bench.json)
          parity    plain batched decode, backend vs a raw C-API llama_decode loop, B sequences x T tokens, pairs alternated;
                    then a whole LeaP run (N = 8, M = 3, T = --interval) of the same model vs the same backend calls replayed
                    without the engine
                    options: --pairs 3  --tokens 128  --batches 1,4,8  --thread-counts 1,2  --threads N (the LeaP run's)
                             --model stories260K|random-25M  --interval T (128 on stories260K, 256 on random-25M)
                             --no-parity  --no-run  --json FILE (leap-parity.json)
          serve     `leap serve`'s scheduler (no HTTP): C concurrent requests x T tokens vs the raw C-API loop decoding C x T in the
                    same run; then one request with n = 8 vs n = 1 on a long prompt
                    options: --pairs 3  --concurrent 8  --tokens 128  --prompt-tokens 1500  --threads N  --flash-attn on|off|auto  --no-concurrent  --no-long
                             --json FILE (leap-serve.json)

        Every figure is a median over alternated pairs; the JSON records the machine, the command and the load average.
        """;
}
