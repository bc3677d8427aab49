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
/// append does. "new" is the streaming encoder <see cref="PayloadSerializer"/> uses; "tree" is the old path
/// (record -> JsonNode -> Redactor -> MessagePack), kept as the reference. Rows compare new (ours) against tree (raw).
/// </summary>
internal static class EncodeScenario
{
    private const double Floor = 2;

    // One id for every event: the clock read of Guid.CreateVersion7 is not part of encoding (and is slow on VMs).
    private static readonly Guid EventId = Guid.CreateVersion7();

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
            var tree = Measure(name + " tree", events, options, n => EncodeTree(serializer, payload(n), BenchEvents.Metadata));
            var streaming = Measure(name + " new", events, options, n => EncodeNew(serializer, payload(n), BenchEvents.Metadata));
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

    /// <summary>The old path, as <c>PayloadSerializer.Encode</c> ran it for a single-event append.</summary>
    private static int EncodeTree(PayloadSerializer serializer, object payload, EventMetadata metadata)
    {
        var (bytes, paths) = serializer.EncodePayloadTree(payload);
        var meta = PayloadSerializer.EncodeMetadataTree(paths.Count == 0 ? metadata with { RedactedPaths = null } : metadata with { RedactedPaths = paths });
        return bytes.Length + ChainHash.Digest(bytes)[0] + ChainHash.Digest(meta)[0];
    }

    /// <summary>The new path, exactly what a single-event append runs.</summary>
    private static int EncodeNew(PayloadSerializer serializer, object payload, EventMetadata metadata)
    {
        var encoded = serializer.Encode(new EventData(EventId, EventTypeOf(payload), payload), metadata);
        return encoded.Payload.Length + encoded.PayloadDigest[0] + encoded.MetadataDigest[0];
    }

    private static string EventTypeOf(object payload) => payload is ToolCalled ? "bench.tool_called.v1" : BenchEvents.EventType;

    private static (List<double> Nanoseconds, long Bytes) Measure(string name, int events, BenchOptions options, Func<long, int> encode)
    {
        var sink = 0;
        for (var i = 0; i < events; i++)
        {
            sink += encode(i); // warm-up: JIT tiers, caches, per-thread buffers
        }

        var nanoseconds = new List<double>(options.Rounds);
        long bytes = 0;
        for (var round = 0; round < options.Rounds; round++)
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
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / events;
            nanoseconds.Add(elapsed.TotalNanoseconds / events);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} round {round + 1}/{options.Rounds}: {nanoseconds[^1]:N0} ns/event, {bytes:N0} B/event"));
        }

        GC.KeepAlive(sink);
        return (nanoseconds, bytes);
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
