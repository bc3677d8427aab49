using System.Diagnostics;
using System.Globalization;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;

namespace Journal.Benchmarks.Tape;

/// <summary>A tool call with an environment and output, the kind of event that carries secrets to redact.</summary>
/// <param name="Tool">Tool name.</param>
/// <param name="Env">Environment passed to the tool.</param>
/// <param name="Output">What the tool printed.</param>
[EventType("bench.tool_called.v1")]
public sealed record ToolCalled(string Tool, IReadOnlyDictionary<string, string> Env, string Output);

/// <summary>
/// encode: the per-event CPU cost of turning a record into tape bytes on the caller's thread, single-threaded and
/// in memory: payload (redact + MessagePack), the call's metadata, and both SHA-256 digests, as one single-event
/// append does after validating the event (validation is the same on both paths and left out). "new" is the streaming encoder <see cref="PayloadSerializer"/> uses; "tree" is the old path
/// (record -> JsonNode -> Redactor -> MessagePack), kept as the reference. Rows compare new (ours) against tree (raw).
/// </summary>
internal static class EncodeScenario
{
    private const double Floor = 1.2;

    public static Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchOptions options)
    {
        var events = options.Quick ? 20_000 : 100_000;
        var serializer = new PayloadSerializer(BenchEvents.Registry, new Redactor(RedactionOptions.Default), 1 << 20);
        var secret = SecretEvent();
        Console.Error.WriteLine($"  encode: note payload {serializer.EncodePayload(BenchEvents.Note(1)).Payload.Length} B; secret payload redacts {string.Join(", ", serializer.EncodePayload(secret).Paths)}");

        var cases = new (string Name, Func<long, object> Payload)[]
        {
            ("encode", n => BenchEvents.Note(n)),
            ("encode-secret", _ => secret),
        };
        var results = new List<ScenarioResult>();
        var lines = new List<string>();
        foreach (var (name, payload) in cases)
        {
            var (tree, streaming) = Measure(
                name,
                events,
                options,
                n => EncodeTree(serializer, payload(n), BenchEvents.Metadata),
                n => EncodeNew(serializer, payload(n), BenchEvents.Metadata));
            results.Add(new ScenarioResult(name, Rates(streaming.Nanoseconds), Rates(tree.Nanoseconds), Floor));
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {Median(tree.Nanoseconds):N0} | {Median(streaming.Nanoseconds):N0} | {Median(tree.Nanoseconds) / Median(streaming.Nanoseconds):0.0}x | {tree.Bytes:N0} | {streaming.Bytes:N0} |"));
        }

        Console.WriteLine("Encode cost per event (median of rounds; payload + metadata + both digests, one thread):");
        Console.WriteLine();
        Console.WriteLine("| case | tree ns/event | new ns/event | speed-up | tree B/event | new B/event |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        lines.ForEach(Console.WriteLine);
        Console.WriteLine();
        return Task.FromResult<IReadOnlyList<ScenarioResult>>(results);
    }

    /// <summary>The old path, as <c>PayloadSerializer.Encode</c> ran it for a single-event append (after validation).</summary>
    private static int EncodeTree(PayloadSerializer serializer, object payload, EventMetadata metadata)
    {
        var (bytes, paths) = serializer.EncodePayloadTree(payload);
        var meta = PayloadSerializer.EncodeMetadataTree(paths.Count == 0 ? metadata with { RedactedPaths = null } : metadata with { RedactedPaths = paths });
        return bytes.Length + ChainHash.Digest(bytes)[0] + ChainHash.Digest(meta)[0];
    }

    /// <summary>The new path, the same steps: what <c>PayloadSerializer.Encode</c> now runs after validation.</summary>
    private static int EncodeNew(PayloadSerializer serializer, object payload, EventMetadata metadata)
    {
        var (bytes, paths) = serializer.EncodePayload(payload);
        var meta = PayloadSerializer.EncodeMetadata(paths.Count == 0 ? metadata : metadata with { RedactedPaths = paths });
        return bytes.Length + ChainHash.Digest(bytes)[0] + ChainHash.Digest(meta)[0];
    }

    /// <summary>Warm-up of both, then timed rounds that alternate which side goes first, as the tape scenarios do.</summary>
    private static ((List<double> Nanoseconds, long Bytes) Tree, (List<double> Nanoseconds, long Bytes) New) Measure(
        string name, int events, BenchOptions options, Func<long, int> tree, Func<long, int> streaming)
    {
        var sink = 0;
        for (var i = 0; i < events; i++)
        {
            sink += tree(i) + streaming(i); // JIT tiers, caches, per-thread buffers
        }

        var treeNs = new List<double>(options.Rounds);
        var newNs = new List<double>(options.Rounds);
        long treeBytes = 0;
        long newBytes = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var side = 0; side < 2; side++)
            {
                var isTree = (side + round) % 2 == 0;
                var (ns, bytes) = Round(events, isTree ? tree : streaming, ref sink);
                if (isTree)
                {
                    treeNs.Add(ns);
                    treeBytes = bytes;
                }
                else
                {
                    newNs.Add(ns);
                    newBytes = bytes;
                }
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} round {round + 1}/{options.Rounds}: tree {treeNs[^1]:N0} ns/event ({treeBytes:N0} B), new {newNs[^1]:N0} ns/event ({newBytes:N0} B)"));
        }

        GC.KeepAlive(sink);
        return ((treeNs, treeBytes), (newNs, newBytes));
    }

    private static (double Nanoseconds, long Bytes) Round(int events, Func<long, int> encode, ref int sink)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < events; i++)
        {
            sink += encode(i);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return (elapsed.TotalNanoseconds / events, (GC.GetAllocatedBytesForCurrentThread() - allocated) / events);
    }

    private static SideResult Rates(List<double> nanoseconds)
    {
        var rates = nanoseconds.Select(ns => 1e9 / ns).Order().ToArray();
        var mid = rates.Length / 2;
        var median = rates.Length % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
        return new SideResult(median, rates[0], rates[^1]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>A tool call whose environment holds an API key and whose output holds a bearer token (made up here).</summary>
    private static ToolCalled SecretEvent()
    {
        var rng = new Random(42);
        string Letters(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('a' + rng.Next(26)))]);
        return new ToolCalled(
            "http.get",
            new Dictionary<string, string> { ["HOME"] = "/home/agent", ["API_KEY"] = "k" + Letters(30) + "7", ["LANG"] = "C.UTF-8" },
            "GET /v1/items -> 200 OK (Authorization: Bearer " + Letters(36) + "9); 3 items listed, cache warm.");
    }
}
