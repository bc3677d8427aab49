using System.Globalization;
using System.Security.Cryptography;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Verification;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// verify-1m: <see cref="SqliteEventStore.VerifyAsync"/> over a 1,000,000-event tape, against a raw
/// single-threaded loop over the same file that reads every column of every row with a
/// <see cref="SqliteDataReader"/> and computes SHA-256 of each payload.
/// </summary>
internal static class Verify1mScenario
{
    /// <summary>Bump when the cached tape's content or layout changes, so stale files are not reused.</summary>
    private const string FormatVersion = "tape-v1";
    private const int EventsPerAppend = 1_000;

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var events = options.Quick ? 100_000 : 1_000_000;
        var path = await EnsureTapeAsync(events).ConfigureAwait(false);
        var ours = new BenchSide(
            () => Task.FromResult<object?>(TempTape.OpenStore(path)),
            async state =>
            {
                var report = await ((SqliteEventStore)state!).VerifyAsync().ConfigureAwait(false);
                if (report.Status != VerificationStatus.Intact || report.EventsChecked != events)
                {
                    throw new InvalidOperationException($"the cached tape did not verify: {report.Status}, {report.EventsChecked} checked");
                }

                return report.EventsChecked;
            },
            async state =>
            {
                await ((SqliteEventStore)state!).DisposeAsync().ConfigureAwait(false);
                SqliteConnection.ClearAllPools();
            });
        var raw = new BenchSide(
            () => Task.FromResult<object?>(null),
            _ => Task.FromResult(RawScan(path, events)),
            _ => Task.CompletedTask);
        var name = options.Quick ? "verify-100k" : "verify-1m";
        return await BenchRunner.RunAsync(name, 1.0, options.Warmups, options.Rounds, ours, raw).ConfigureAwait(false);
    }

    /// <summary>The baseline: every row, every column, SHA-256 of each payload, one thread.</summary>
    private static long RawScan(string path, long expected)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash FROM journal_events ORDER BY seq";
        using var reader = command.ExecuteReader();
        Span<byte> digest = stackalloc byte[32];
        long rows = 0;
        long sink = 0;
        while (reader.Read())
        {
            sink += reader.GetInt64(0);
            sink += reader.GetFieldValue<byte[]>(1)[0];
            sink += reader.GetString(2).Length;
            sink += reader.GetInt64(3);
            sink += reader.GetString(4).Length;
            sink += reader.GetInt64(5);
            sink += reader.GetFieldValue<byte[]>(6).Length;
            if (!reader.IsDBNull(7))
            {
                SHA256.HashData(reader.GetFieldValue<byte[]>(7), digest);
                sink += digest[0];
            }

            sink += reader.GetFieldValue<byte[]>(8)[0];
            sink += reader.GetFieldValue<byte[]>(9)[0];
            sink += reader.GetFieldValue<byte[]>(10)[0];
            rows++;
        }

        if (rows != expected || sink == 0)
        {
            throw new InvalidOperationException($"the raw scan read {rows} rows, expected {expected}");
        }

        return rows;
    }

    /// <summary>
    /// The tape, built once by the store itself (1000 events per append) and cached under the system temp
    /// dir. Built in a side directory and moved into place only when complete.
    /// </summary>
    internal static async Task<string> EnsureTapeAsync(int events)
    {
        var root = Path.Combine(Path.GetTempPath(), "journal-bench-cache");
        var directory = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{FormatVersion}-{events}"));
        var path = Path.Combine(directory, "journal.db");
        if (File.Exists(path))
        {
            Console.Error.WriteLine($"  reusing cached tape {path}");
            return path;
        }

        var building = directory + ".building-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Directory.CreateDirectory(building);
        Console.Error.WriteLine($"  building a {events:N0}-event tape in {building} (once)");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var store = TempTape.OpenStore(Path.Combine(building, "journal.db"));
        await using (store.ConfigureAwait(false))
        {
            var n = 0L;
            for (var a = 0; n < events; a++)
            {
                var stream = StreamId.Parse(string.Create(CultureInfo.InvariantCulture, $"note-{a % 1000}"));
                var batch = new EventData[Math.Min(EventsPerAppend, events - (int)n)];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = BenchEvents.Event(n++);
                }

                await store.AppendAsync(stream, ExpectedVersion.Any, batch, BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
            }
        }

        SqliteConnection.ClearAllPools();
        Directory.Move(building, directory);
        Console.Error.WriteLine($"  built in {started.Elapsed.TotalSeconds:0.0} s");
        return path;
    }
}
