using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore.Codec;
using MessagePack;

namespace Journal.Benchmarks.Codec;

/// <summary>
/// codec: JSON to MessagePack and back on 2,000 event-shaped documents (objects of ids, text, numbers, timestamps as
/// text, nested lists), single-threaded and in memory. Ours is <see cref="JsonMessagePack"/> with our mapping and
/// strict reading; raw is MessagePack-CSharp's own converter (<c>MessagePackSerializer.ConvertFromJson</c>
/// and <c>ConvertToJson</c>),
/// the same conversion without our rules. Both sides start from the same input and produce the same kind of output.
/// </summary>
internal static class CodecBenchmark
{
    private const int Documents = 2_000;

    public static Task<int> RunAsync(bool quick)
    {
        int rounds = quick ? 5 : 11;
        int passes = quick ? 5 : 20;
        string[] texts = Corpus();
        byte[][] packed = texts.Select(text => JsonMessagePack.Encode(JsonNode.Parse(text))).ToArray();
        long bytes = packed.Sum(p => (long)p.Length);
        Console.WriteLine($"codec: {Documents:N0} documents, {bytes / Documents:N0} B of MessagePack each on average, {rounds} rounds of {passes} passes (median docs/s)");
        Console.WriteLine();
        Console.WriteLine("| case | ours (docs/s) | raw: MessagePack-CSharp's converter (docs/s) | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        int documents = texts.Length * passes;
        Row("encode: JSON text -> MessagePack", rounds, documents,
            () => Repeat(passes, () => EncodeOurs(texts)), () => Repeat(passes, () => EncodeRaw(texts)));
        Row("decode: MessagePack -> JSON text", rounds, documents,
            () => Repeat(passes, () => DecodeOurs(packed)), () => Repeat(passes, () => DecodeRaw(packed)));
        Row("decode: MessagePack -> JsonNode (ours) / JSON text (raw)", rounds, documents,
            () => Repeat(passes, () => DecodeTreeOurs(packed)), () => Repeat(passes, () => DecodeRaw(packed)));
        Console.WriteLine();
        return Task.FromResult(0);
    }

    private static void Row(string name, int rounds, int documents, Func<long> ours, Func<long> raw)
    {
        ours();
        raw();
        var oursRates = new List<double>();
        var rawRates = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which side goes first, so neither always runs on a warmer cache.
            if (round % 2 == 0)
            {
                oursRates.Add(Rate(ours, documents));
                rawRates.Add(Rate(raw, documents));
            }
            else
            {
                rawRates.Add(Rate(raw, documents));
                oursRates.Add(Rate(ours, documents));
            }
        }

        double o = Median(oursRates);
        double r = Median(rawRates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {o:N0} | {r:N0} | {o / r:0.00} |"));
    }

    private static long Repeat(int passes, Func<long> pass)
    {
        long total = 0;
        for (int i = 0; i < passes; i++)
        {
            total += pass();
        }

        return total;
    }

    private static double Rate(Func<long> work, int documents)
    {
        var clock = Stopwatch.StartNew();
        long sink = work();
        clock.Stop();
        GC.KeepAlive(sink);
        return documents / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static long EncodeOurs(string[] texts)
    {
        long total = 0;
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (string text in texts)
        {
            buffer.ResetWrittenCount();
            JsonMessagePack.Write(JsonNode.Parse(text), buffer);
            total += buffer.WrittenCount;
        }

        return total;
    }

    private static long EncodeRaw(string[] texts)
    {
        long total = 0;
        foreach (string text in texts)
        {
            total += MessagePackSerializer.ConvertFromJson(text).Length;
        }

        return total;
    }

    private static long DecodeOurs(byte[][] packed)
    {
        long total = 0;
        var buffer = new ArrayBufferWriter<byte>(8192);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (byte[] bytes in packed)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            JsonMessagePack.WriteJson(bytes, writer);
            writer.Flush();
            total += Encoding.UTF8.GetString(buffer.WrittenSpan).Length;
        }

        return total;
    }

    private static long DecodeTreeOurs(byte[][] packed)
    {
        long total = 0;
        foreach (byte[] bytes in packed)
        {
            total += JsonMessagePack.Decode(bytes) is JsonObject o ? o.Count : 0;
        }

        return total;
    }

    private static long DecodeRaw(byte[][] packed)
    {
        long total = 0;
        foreach (byte[] bytes in packed)
        {
            total += MessagePackSerializer.ConvertToJson(bytes).Length;
        }

        return total;
    }

    /// <summary>Event-shaped documents, seeded: what sessions, transcripts, tool jobs and canvases put on the tape.</summary>
    private static string[] Corpus()
    {
        var random = new Random(19);
        var texts = new string[Documents];
        for (int i = 0; i < texts.Length; i++)
        {
            var o = new JsonObject
            {
                ["sessionId"] = Guid.NewGuid().ToString(),
                ["entryId"] = Guid.NewGuid().ToString(),
                ["role"] = random.Next(3) switch { 0 => "user", 1 => "assistant", _ => "tool" },
                ["text"] = Words(random, random.Next(5, 120)),
                ["tokens"] = random.Next(1, 4000),
                ["cost"] = Math.Round(random.NextDouble(), 4),
                ["at"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next()).ToString("O", CultureInfo.InvariantCulture),
                ["done"] = random.Next(2) == 0,
                ["tags"] = new JsonArray(Enumerable.Range(0, random.Next(0, 6)).Select(t => (JsonNode)("tag" + t)).ToArray()),
                ["args"] = new JsonObject
                {
                    ["path"] = "/work/" + Words(random, 2).Replace(' ', '/'),
                    ["limit"] = random.Next(-100, 100_000),
                    ["ratio"] = random.NextDouble() * 1e6,
                    ["nested"] = new JsonArray(new JsonObject { ["k"] = random.Next(), ["v"] = Words(random, 3) }, null, true),
                },
            };
            texts[i] = o.ToJsonString();
        }

        return texts;
    }

    private static string Words(Random random, int count)
    {
        string[] words = ["the", "agent", "called", "a", "tool", "and", "wrote", "résumé", "日本語", "output", "💡", "file", "approved", "cron"];
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
    }
}
