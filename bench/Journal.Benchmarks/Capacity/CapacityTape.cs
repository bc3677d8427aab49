using System.Diagnostics;
using System.Globalization;
using Journal.Application;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.Domain.Transcript;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Journal.Projections;
using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Benchmarks.Capacity;

/// <summary>What a cached capacity tape holds, as measured when it was built.</summary>
/// <param name="Directory">The cache directory: <c>journal.db</c> and its caught-up <c>projections.db</c>.</param>
/// <param name="Events">Events on the tape.</param>
/// <param name="TapeBytes">Size of <c>journal.db</c>.</param>
/// <param name="LongSessionEntries">Transcript entries of <see cref="CapacityTape.LongSessionId"/>.</param>
internal sealed record CapacityTapeInfo(string Directory, long Events, long TapeBytes, int LongSessionEntries)
{
    public string TapePath => Path.Combine(Directory, "journal.db");

    public double BytesPerEvent => (double)TapeBytes / Events;
}

/// <summary>
/// The capacity tape: <see cref="CapacityScript"/> sessions advancing in cohorts of <see cref="Projections.MixedTape.Cohort"/>
/// (one event per stream per append call, as <see cref="Projections.MixedTape"/> builds), plus one long session whose
/// 25,000 transcript entries are spread over the whole tape, a few per call. Appended through the store (HTTP would
/// take hours at 10M), then every read model rebuilt beside it, so a service started on a copy has nothing to catch
/// up. Cached under <c>/tmp/journal-bench-cache/{FormatVersion}-{events}/</c>.
/// </summary>
internal static class CapacityTape
{
    /// <summary>Bump when the script, the payloads or the layout change, so stale cached tapes are not reused.</summary>
    public const string FormatVersion = "capacity-v1";

    /// <summary>Entries of the long session (the first-append figure appends to it).</summary>
    public const int LongSessionLength = 25_000;

    /// <summary>The long session, the same on every tape so a run finds it without reading the tape.</summary>
    public static readonly Guid LongSessionId = Guid.Parse("01960000-0000-7000-8000-000000000025", CultureInfo.InvariantCulture);

    private static readonly DateTimeOffset Epoch = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The cached tape of <paramref name="events"/> events, built (and its read models rebuilt) once.</summary>
    public static async Task<CapacityTapeInfo> EnsureAsync(long events, CancellationToken ct)
    {
        var directory = Path.Combine(Path.GetTempPath(), "journal-bench-cache", string.Create(CultureInfo.InvariantCulture, $"{FormatVersion}-{events}"));
        var manifest = Path.Combine(directory, "capacity.txt");
        if (File.Exists(manifest))
        {
            Console.Error.WriteLine($"  reusing cached capacity tape {directory}");
            return Read(directory, manifest);
        }

        var building = directory + ".building-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (Directory.Exists(building))
        {
            Directory.Delete(building, recursive: true);
        }

        Directory.CreateDirectory(building);
        Console.Error.WriteLine($"  building a {events:N0}-event capacity tape in {building} (once)");
        var started = Stopwatch.StartNew();
        var registry = new EventTypeRegistry([typeof(SessionCreated).Assembly]);
        var options = new JournalStoreOptions { DatabasePath = Path.Combine(building, "journal.db") };
        int longEntries;
        var store = SqliteEventStore.Open(options, registry, TimeProvider.System);
        await using (store.ConfigureAwait(false))
        {
            longEntries = await WriteAsync(store, registry, events, ct).ConfigureAwait(false);
        }

        var appended = started.Elapsed;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  appended {events:N0} events in {appended.TotalSeconds:0.0} s ({events / appended.TotalSeconds:N0} events/s)"));
        var rebuild = await RebuildReadModelsAsync(options, Path.Combine(building, "projections.db"), events, ct).ConfigureAwait(false);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  read models rebuilt in {rebuild.TotalSeconds:0.0} s ({events / rebuild.TotalSeconds:N0} events/s)"));
        SqliteConnection.ClearAllPools();
        var bytes = new FileInfo(options.DatabasePath).Length;
        await File.WriteAllTextAsync(
            Path.Combine(building, "capacity.txt"),
            string.Create(CultureInfo.InvariantCulture, $"{events}\n{bytes}\n{longEntries}\n{appended.TotalSeconds:0.0}\n{rebuild.TotalSeconds:0.0}\n"),
            ct).ConfigureAwait(false);
        Directory.Move(building, directory);
        var info = new CapacityTapeInfo(directory, events, bytes, longEntries);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  built in {started.Elapsed.TotalSeconds:0.0} s: {bytes / 1e6:N0} MB, {info.BytesPerEvent:0} bytes per event"));
        return info;
    }

    /// <summary>Appends <paramref name="events"/> events; returns how many entries the long session got.</summary>
    private static async Task<int> WriteAsync(SqliteEventStore store, EventTypeRegistry registry, long events, CancellationToken ct)
    {
        var steps = CapacityScript.Steps();
        var cohort = Projections.MixedTape.Cohort;
        // Entries of the long session per call, so that it is whole by about nine tenths of the tape.
        var perCall = (int)Math.Clamp(Math.Ceiling(LongSessionLength * (double)cohort / Math.Max(1, 0.9 * events - LongSessionLength)), 1, LongSessionLength);
        var metadata = new EventMetadata(Actor: "agent:bench", Principal: "user:bench", CorrelationId: "corr-capacity");
        var longEntries = 0;
        var longStarted = false;
        long written = 0;
        var progress = Stopwatch.StartNew();
        for (var round = 0; written < events; round++)
        {
            var sessions = Enumerable.Range(0, cohort).Select(i => new CapacityPlan((long)round * cohort + i)).ToArray();
            for (var step = 0; step < steps.Count && written < events; step++)
            {
                var appends = new List<StreamAppend>(cohort + 1);
                var count = 0L;
                if (!longStarted)
                {
                    appends.Add(Append(registry, SessionDecider.StreamFor(LongSessionId), [new SessionCreated(LongSessionId, "user:0", "host-0", "cli", "key-long", null, Epoch)]));
                    longStarted = true;
                    count++;
                }
                else if (longEntries < LongSessionLength && written + perCall < events)
                {
                    var entries = Enumerable.Range(longEntries + 1, Math.Min(perCall, LongSessionLength - longEntries))
                        .Select(n => (object)new TranscriptEntryAppended(
                            LongSessionId, Guid.CreateVersion7(), n, n % 2 == 0 ? TranscriptEntryKind.AssistantMessage : TranscriptEntryKind.UserMessage,
                            Projections.MixedTape.Text(-n), null, null, Epoch.AddSeconds(n)))
                        .ToArray();
                    appends.Add(Append(registry, TranscriptDecider.StreamFor(LongSessionId), entries));
                    longEntries += entries.Length;
                    count += entries.Length;
                }

                foreach (var session in sessions)
                {
                    if (written + count >= events)
                    {
                        break;
                    }

                    var (stream, payload) = steps[step](session, Epoch.AddMilliseconds(written + count));
                    appends.Add(Append(registry, stream, [payload]));
                    count++;
                }

                await store.AppendAsync(appends, metadata, ct).ConfigureAwait(false);
                written += count;
            }

            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {written:N0} events appended"));
                progress.Restart();
            }
        }

        return longEntries;
    }

    private static StreamAppend Append(EventTypeRegistry registry, StreamId stream, IEnumerable<object> payloads) =>
        new(stream, ExpectedVersion.Any, [.. payloads.Select(p => new EventData(
            Guid.CreateVersion7(),
            registry.TryGetName(p.GetType(), out var type) ? type : throw new InvalidOperationException($"{p.GetType().Name} is not a registered event"),
            p))]);

    /// <summary>Every read model rebuilt from the tape into <paramref name="projections"/>, checked to end at the head.</summary>
    private static async Task<TimeSpan> RebuildReadModelsAsync(JournalStoreOptions tape, string projections, long events, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var services = new ServiceCollection();
        services.AddJournal(tape, new ProjectionOptions { DatabasePath = projections });
        var provider = services.BuildServiceProvider();
        await using (provider.ConfigureAwait(false))
        {
            var daemon = provider.GetRequiredService<ProjectionDaemon>();
            var result = await daemon.RebuildAsync(null, null, ct).ConfigureAwait(false);
            var status = await daemon.StatusAsync(ct).ConfigureAwait(false);
            if (result.Events != events || status.Any(s => s.Position != events || s.DeadLetters != 0))
            {
                throw new InvalidOperationException($"the rebuild replayed {result.Events} events; status: {string.Join(", ", status)}");
            }
        }

        return started.Elapsed;
    }

    private static CapacityTapeInfo Read(string directory, string manifest)
    {
        var lines = File.ReadAllLines(manifest);
        return new CapacityTapeInfo(
            directory,
            long.Parse(lines[0], CultureInfo.InvariantCulture),
            long.Parse(lines[1], CultureInfo.InvariantCulture),
            int.Parse(lines[2], CultureInfo.InvariantCulture));
    }
}
