using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore;
using Journal.EventStore.Codec;
using Journal.Reliability.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Reliability.Tests.Load;

/// <summary>Runs alone: it measures the process's memory.</summary>
[CollectionDefinition(nameof(SoakCollection), DisableParallelization = true)]
public sealed class SoakCollection;

/// <summary>
/// The real service (Kestrel on 127.0.0.1, port 0) under concurrent writers and readers over loopback
/// for a bounded time (<c>RELIABILITY_SOAK_SECONDS</c>, 30 by default): no failed request, every
/// acknowledged append on the tape with its content, and the managed heap flat from warm-up to the end.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(SoakCollection))]
public sealed class SoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 4;
    private const int Readers = 2;
    private readonly TestDirectory _directory = new("soak");
    private KestrelHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KestrelHost.StartAsync(_directory.Combine("data"), "--Journal:RateLimitPerMinute=10000000");

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Service_under_concurrent_writers_and_readers_fails_nothing_loses_nothing_and_keeps_memory_flat()
    {
        var duration = TimeSpan.FromSeconds(Seeds.Setting("RELIABILITY_SOAK_SECONDS", 30));
        using var http = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(30) };
        var acks = new ConcurrentDictionary<long, (Guid Entry, string Text)>();
        var reads = 0L;
        var errors = new ConcurrentQueue<string>();
        var sessions = new Guid[Writers];
        var createdAt = 0L;
        for (var w = 0; w < Writers; w++)
        {
            using var created = await http.PostAsJsonAsync("/v1/sessions", new { principal = "soak", device = $"writer-{w}", channel = "http" });
            created.EnsureSuccessStatusCode();
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            sessions[w] = Guid.Parse(body.GetProperty("stream").GetString()!["session-".Length..]);
            createdAt = body.GetProperty("position").GetInt64();
        }

        // A session's GET answers from the read model without waiting: let it hold every session first.
        using (var projected = await http.GetAsync($"/v1/sessions/{sessions[^1]}?minPosition={createdAt}"))
        {
            projected.EnsureSuccessStatusCode();
        }

        using var stop = new CancellationTokenSource();
        var warmUp = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        (long WorkingSet, long Peak, long Heap) start = default;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var entry = Guid.NewGuid();
                var text = $"soak w{w} n{n} " + new string('s', 200);
                using var response = await http.PostAsJsonAsync($"/v1/sessions/{sessions[w]}/transcript", new { kind = "AssistantMessage", text, entryId = entry });
                if (!response.IsSuccessStatusCode)
                {
                    errors.Enqueue($"append {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    continue;
                }

                var position = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetInt64();
                acks[position] = (entry, text);
            }
        })).ToList();
        var readers = Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                string[] paths = [$"/v1/sessions/{sessions[n % Writers]}/transcript?limit=50", "/v1/journal/head", $"/v1/journal/events?from={Math.Max(1, acks.Count - 100)}&limit=100", $"/v1/sessions/{sessions[n % Writers]}"];
                using var response = await http.GetAsync(paths[n % paths.Length]);
                if (!response.IsSuccessStatusCode)
                {
                    errors.Enqueue($"read {(int)response.StatusCode}: {paths[n % paths.Length]}");
                }

                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref reads);
            }
        })).ToList();

        // Memory at the end of the warm-up (a tenth of the run) and at the end.
        await Task.WhenAny(Task.WhenAll(writers), Task.Delay(duration / 10));
        start = Measure(process);
        await Task.WhenAny(Task.WhenAll(writers), Task.Delay(duration - duration / 10));
        await stop.CancelAsync();
        await Task.WhenAll(writers.Concat(readers));
        var end = Measure(process);
        var elapsed = warmUp.Elapsed;

        output.WriteLine($"soak: {elapsed.TotalSeconds:F0} s, {Writers} writers, {Readers} readers over loopback; {acks.Count} appends ({acks.Count / elapsed.TotalSeconds:F0}/s), {reads} reads ({reads / elapsed.TotalSeconds:F0}/s), {errors.Count} errors");
        output.WriteLine($"memory after warm-up: working set {start.WorkingSet / 1048576} MiB, peak {start.Peak / 1048576} MiB, managed heap {start.Heap / 1048576} MiB");
        output.WriteLine($"memory at the end:    working set {end.WorkingSet / 1048576} MiB, peak {end.Peak / 1048576} MiB, managed heap {end.Heap / 1048576} MiB");
        Assert.True(errors.IsEmpty, string.Join('\n', errors.Take(10)));
        Assert.True(acks.Count > 100, $"only {acks.Count} appends");
        Assert.True(end.Heap < start.Heap + 64 * 1048576, $"managed heap grew from {start.Heap} to {end.Heap}");
        await CheckTapeAsync(acks);
    }

    private static (long WorkingSet, long Peak, long Heap) Measure(Process process)
    {
        // The heap after a full collection: what the service keeps, not what it has yet to collect.
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        return (process.WorkingSet64, process.PeakWorkingSet64, heap);
    }

    private async Task CheckTapeAsync(ConcurrentDictionary<long, (Guid Entry, string Text)> acks)
    {
        var tape = _host.Services.GetRequiredService<SqliteEventStore>();
        var report = await tape.VerifyAsync();
        Assert.True(report.IsIntact, $"chain broken: {report.FirstMismatch}");
        var found = 0;
        await foreach (var row in tape.ReadAllAsync(1, CancellationToken.None))
        {
            if (acks.TryGetValue(row.Seq, out var ack))
            {
                var payload = (JsonObject)JsonMessagePack.Decode(row.Payload!.Value)!;
                Assert.Equal(ack.Entry, Guid.Parse(payload["entryId"]!.GetValue<string>()));
                Assert.Equal(ack.Text, payload["text"]!.GetValue<string>());
                found++;
            }
        }

        Assert.Equal(acks.Count, found);
    }
}
