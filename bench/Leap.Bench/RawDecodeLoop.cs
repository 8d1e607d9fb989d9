using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Kinship.Leap.Bench;

/// <summary>
/// What llama.cpp's <c>batched</c> example and <c>llama-batched-bench</c> do, in this process: one thread calls the C API's
/// <c>llama_decode</c> directly (resolved from the loaded libllama, no LLamaSharp wrapper, no allocation per step) with a batch of
/// one sampled token per sequence, after one prompt prefill shared by <c>llama_memory_seq_cp</c>. The peer of our backend.
/// </summary>
internal static unsafe class RawDecodeLoop
{
    public static DecodeBenchmarks.Figures Run(string model, int sequences, int tokens, int threads)
    {
        DecodeBenchmarks.Figures? figures = null;
        Exception? failure = null;
        // a thread of its own, like the backend's decode thread: llama.cpp's OpenMP team belongs to the calling thread
        var thread = new Thread(() =>
        {
            try
            {
                figures = RunHere(model, sequences, tokens, threads);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { Name = "raw-decode" };
        thread.Start();
        thread.Join();
        return failure is null ? figures! : throw new InvalidOperationException("raw loop failed", failure);
    }

    private static DecodeBenchmarks.Figures RunHere(string model, int sequences, int tokens, int threads)
    {
        var parameters = new ModelParams(model)
        {
            ContextSize = (uint)((tokens + 64) * (sequences + 1)), SeqMax = (uint)(sequences + 1), KVUnified = true,
            Threads = threads, BatchThreads = threads, GpuLayerCount = 0, BatchSize = 512, UBatchSize = 512,
        };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);
        var ctx = context.NativeHandle;
        var decode = (delegate* unmanaged<IntPtr, LLamaNativeBatch, int>)NativeLibrary.GetExport(LoadedLlama(), "llama_decode");

        var capacity = Math.Max(512, sequences);
        var tokenBuf = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        var posBuf = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        var nSeqBuf = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        var seqIds = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        var seqPtrs = (int**)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(int*));
        var logits = (byte*)NativeMemory.Alloc((nuint)capacity);
        for (var i = 0; i < capacity; i++)
        {
            nSeqBuf[i] = 1;
            seqPtrs[i] = seqIds + i;
        }
        var samplers = new SafeLLamaSamplerChainHandle[sequences];
        try
        {
            var prompt = weights.NativeHandle.Tokenize(DecodeBenchmarks.Prompt, true, true, Encoding.UTF8);
            for (var i = 0; i < prompt.Length; i++)
            {
                tokenBuf[i] = (int)prompt[i];
                posBuf[i] = i;
                seqIds[i] = 0;
                logits[i] = (byte)(i == prompt.Length - 1 ? 1 : 0);
            }
            var prefillCpu = DecodeBenchmarks.ProcessCpuSeconds();
            var p0 = Stopwatch.GetTimestamp();
            Check(decode(ctx.DangerousGetHandle(), Batch(prompt.Length)));
            for (var s = 1; s < sequences; s++)
            {
                ctx.MemorySequenceCopy((LLamaSeqId)0, (LLamaSeqId)s, 0, -1);
            }
            var prefillSeconds = Stopwatch.GetElapsedTime(p0).TotalSeconds;
            for (var s = 0; s < sequences; s++)
            {
                var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
                chain.AddTopK(40);
                chain.AddTopP(0.95f, 1);
                chain.AddMinP(0.05f, 1);
                chain.AddTemperature(0.6f);
                chain.AddDistributionSampler((uint)(s + 1));
                samplers[s] = chain;
            }

            var position = prompt.Length;
            var cpu = prefillCpu;
            var clock = Stopwatch.StartNew();
            long decoded = 0;
            long decodeTicks = 0;
            for (var step = 0; step < tokens; step++)
            {
                for (var s = 0; s < sequences; s++)
                {
                    // the first step samples every sequence from the prompt's logits (the last row, -1); later steps from row s
                    var row = step == 0 ? -1 : s;
                    var token = samplers[s].Sample(ctx, row);
                    tokenBuf[s] = (int)token;
                    posBuf[s] = position;
                    seqIds[s] = s;
                    logits[s] = 1;
                    decoded++;
                }
                if (step < tokens - 1)
                {
                    var d0 = Stopwatch.GetTimestamp();
                    Check(decode(ctx.DangerousGetHandle(), Batch(sequences)));
                    decodeTicks += Stopwatch.GetTimestamp() - d0;
                }
                position++;
            }
            if (Kinship.Leap.Backends.Llama.LlamaBackendOptions.TimingsRequested)
            {
                // the peer of the backend's KINSHIP_TIMINGS breakdown: time inside llama_decode alone
                Console.Error.WriteLine($"raw C-API loop: llama_decode {decodeTicks * 1e3 / Stopwatch.Frequency:F3} ms total, {decodeTicks * 1e6 / Stopwatch.Frequency / (tokens - 1):F1} us/step; whole {clock.Elapsed.TotalMilliseconds:F3} ms");
            }
            var seconds = clock.Elapsed.TotalSeconds;
            return new DecodeBenchmarks.Figures("raw-c-api-loop", sequences, tokens, decoded, seconds, DecodeBenchmarks.ProcessCpuSeconds() - cpu, prefillSeconds);
        }
        finally
        {
            foreach (var sampler in samplers)
            {
                sampler?.Dispose();
            }
            NativeMemory.Free(tokenBuf);
            NativeMemory.Free(posBuf);
            NativeMemory.Free(nSeqBuf);
            NativeMemory.Free(seqIds);
            NativeMemory.Free(seqPtrs);
            NativeMemory.Free(logits);
        }

        LLamaNativeBatch Batch(int n) => new()
        {
            n_tokens = n,
            tokens = (LLamaToken*)tokenBuf,
            embd = null,
            pos = (LLamaPos*)posBuf,
            n_seq_id = nSeqBuf,
            seq_id = (LLamaSeqId**)seqPtrs,
            logits = logits,
        };
    }

    private static void Check(int status)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"llama_decode returned {status}");
        }
    }

    /// <summary>The libllama LLamaSharp loaded (found in this process's memory map).</summary>
    private static IntPtr LoadedLlama()
    {
        var path = File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[^1]) == "libllama.so")
            .Select(f => f[^1])
            .FirstOrDefault() ?? throw new InvalidOperationException("libllama.so is not loaded");
        return NativeLibrary.Load(path);
    }
}
