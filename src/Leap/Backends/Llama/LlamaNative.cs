using System.Reflection;
using System.Runtime.InteropServices;
using LLama.Native;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// The one llama.cpp entry point the backend calls without LLamaSharp: <c>llama_decode</c>, bound to the very libllama
/// LLamaSharp loaded. LLamaSharp's <c>Decode(LLamaBatch)</c> pins every row of the batch's capacity on each call (133 GC handles
/// and their boxes for a 128-row batch, about 12 KB per step) under a process-wide lock; <see cref="LlamaDecodeBatch"/> lives in
/// pinned memory and is handed over as it is.
/// </summary>
internal static class LlamaNative
{
    private const string Library = "llama";

    static LlamaNative() => NativeLibrary.SetDllImportResolver(typeof(LlamaNative).Assembly, Resolve);

    /// <summary>llama.cpp's <c>int32_t llama_decode(llama_context * ctx, llama_batch batch)</c>.</summary>
    [DllImport(Library, EntryPoint = "llama_decode", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Decode(IntPtr context, LlamaBatchLayout batch);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }
        NativeApi.llama_empty_call(); // LLamaSharp picks and loads its libllama (CPU-feature variant) on first use
        return LoadedLibrary() ?? throw new DllNotFoundException(
            "LLamaSharp's libllama is not found among this process's loaded libraries; the llama.cpp backend cannot call llama_decode");
    }

    /// <summary>The handle of the libllama already in this process: by its mapped path on Linux, else by its file name.</summary>
    private static IntPtr? LoadedLibrary()
    {
        var file = OperatingSystem.IsWindows() ? "llama.dll" : OperatingSystem.IsMacOS() ? "libllama.dylib" : "libllama.so";
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"))
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && line.EndsWith("/" + file, StringComparison.Ordinal) && NativeLibrary.TryLoad(line[slash..], out var mapped))
                {
                    return mapped; // the exact file LLamaSharp mapped: dlopen returns the loaded object, not a second copy
                }
            }
        }
        // a name without a directory matches a library already loaded under that name (its SONAME on Linux)
        return NativeLibrary.TryLoad(file, out var handle) ? handle : null;
    }
}
