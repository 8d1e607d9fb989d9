using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Bench;

/// <summary>Times the pieces of parsing one JSON Lines listing record, on lines already in memory (three rounds, the last counts).</summary>
internal static class ParseProbe
{
    public static void Run(string file)
    {
        var lines = File.ReadAllLines(file).Select(Encoding.UTF8.GetBytes).ToArray();
        for (var round = 0; round < 3; round++)
        {
            Time("Utf8.IsValid", lines, l => Utf8.IsValid(l) ? 1 : 0);
            Time("Utf8JsonReader scan", lines, l => { var r = new Utf8JsonReader(l); var n = 0; while (r.Read()) { n++; } return n; });
            Time("JsonDocument.Parse", lines, l => { using var d = JsonDocument.Parse(l); return d.RootElement.GetArrayLength0(); });
            Time("UTF8.GetString", lines, l => Encoding.UTF8.GetString(l).Length);
            Time("ParseLine (whole record)", lines, l => ListingReader.ParseLine(1, l).Record is null ? 0 : 1);
        }
    }

    private static int GetArrayLength0(this JsonElement e) => e.ValueKind == JsonValueKind.Object ? 1 : 0;

    private static void Time(string what, byte[][] lines, Func<byte[], int> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long sum = 0;
        foreach (var line in lines)
        {
            sum += work(line);
        }
        var wall = clock.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"  {what,-28} {wall / lines.Length * 1e6,6:F2} µs/line wall, {used / lines.Length * 1e6,6:F2} cpu ({sum})");
    }
}
