using System.Globalization;
using Journal.Benchmarks.Tape;
using Journal.EventStore;
using Journal.Projections;
using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Benchmarks.Projections;

/// <summary>What the replay measured.</summary>
internal sealed record ReplayResult(string Name, long Events, IReadOnlyList<string> Projections, SideResult Ours, SideResult Raw, double Floor)
{
    public double Ratio => Ours.Median / Raw.Median;

    public bool Pass => Ours.Median >= Floor;
}

/// <summary>
/// replay-1m: a full blue/green rebuild of every registered read model (<see cref="ProjectionDaemon.RebuildAsync"/>
/// with no name, on services from <see cref="JournalServiceCollectionExtensions.AddJournal"/>) over a cached
/// tape of mixed domain events, against a raw loop that only reads the same tape.
/// </summary>
internal static class ReplayScenario
{
    public const double Floor = 60_000;

    public static async Task<ReplayResult> RunAsync(ProjectionBenchOptions options)
    {
        var events = options.Quick ? 100_000 : 1_000_000;
        var tape = await MixedTape.EnsureAsync(events).ConfigureAwait(false);
        IReadOnlyList<string> names = [];
        var ours = RebuildSide(new JournalStoreOptions { DatabasePath = tape }, events, projections => names = projections);
        var raw = new BenchSide(
            () => Task.FromResult<object?>(null),
            _ => Task.FromResult(RawRead(tape, events)),
            _ => Task.CompletedTask);
        var name = options.Quick ? "replay-100k" : "replay-1m";
        var measured = await BenchRunner.RunAsync(name, 0, options.Warmups, options.ReplayRounds, ours, raw).ConfigureAwait(false);
        return new ReplayResult(name, events, names, measured.Ours, measured.Raw, Floor);
    }

    /// <summary>
    /// Ours: on each round, the journal's services over <paramref name="tape"/> (any backend) with the read models in a
    /// fresh temp dir; the timed part rebuilds every read model and checks each ended at the head with no dead letters.
    /// </summary>
    internal static BenchSide RebuildSide(JournalStoreOptions tape, long events, Action<IReadOnlyList<string>> projections) => new(
        () => Task.FromResult<object?>(Round.Open(tape)),
        async state =>
        {
            var round = (Round)state!;
            var result = await round.Daemon.RebuildAsync(null, null, CancellationToken.None).ConfigureAwait(false);
            var status = await round.Daemon.StatusAsync(CancellationToken.None).ConfigureAwait(false);
            if (result.Events != events || status.Any(s => s.Position != events || s.State != "running" || s.DeadLetters != 0))
            {
                throw new InvalidOperationException($"the rebuild replayed {result.Events} events; status: {string.Join(", ", status)}");
            }

            projections(result.Projections);
            return result.Events;
        },
        async state => await ((Round)state!).DisposeAsync().ConfigureAwait(false));

    /// <summary>The baseline: every column of every row of journal_events in seq order, one thread, nothing decoded.</summary>
    internal static long RawRead(string path, long expected)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash FROM journal_events ORDER BY seq";
        using var reader = command.ExecuteReader();
        long rows = 0;
        long sink = 0;
        while (reader.Read())
        {
            sink += TouchRow(reader);
            rows++;
        }

        if (rows != expected || sink == 0)
        {
            throw new InvalidOperationException($"the raw read saw {rows} rows, expected {expected}");
        }

        return rows;
    }

    /// <summary>
    /// Reads every column of the current tape row as a consumer would (the raw baseline of a replay, on either
    /// backend); the sum keeps the reads from being optimised away.
    /// </summary>
    internal static long TouchRow(System.Data.Common.DbDataReader reader) =>
        reader.GetInt64(0)
        + reader.GetFieldValue<byte[]>(1)[0]
        + reader.GetString(2).Length
        + reader.GetInt64(3)
        + reader.GetString(4).Length
        + reader.GetInt64(5)
        + reader.GetFieldValue<byte[]>(6).Length
        + (reader.IsDBNull(7) ? 0 : reader.GetFieldValue<byte[]>(7).Length)
        + reader.GetFieldValue<byte[]>(8)[0]
        + reader.GetFieldValue<byte[]>(9)[0]
        + reader.GetFieldValue<byte[]>(10)[0];

    /// <summary>The journal's services over the tape, with the read models in a fresh temp dir.</summary>
    private sealed class Round : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly string _directory;

        private Round(ServiceProvider provider, string directory)
        {
            _provider = provider;
            _directory = directory;
            Daemon = provider.GetRequiredService<ProjectionDaemon>();
        }

        public ProjectionDaemon Daemon { get; }

        public static Round Open(JournalStoreOptions tape)
        {
            var directory = Path.Combine(Path.GetTempPath(), "journal-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var services = new ServiceCollection();
            services.AddJournal(
                tape,
                new ProjectionOptions { DatabasePath = Path.Combine(directory, "projections.db") });
            return new Round(services.BuildServiceProvider(), directory);
        }

        public async ValueTask DisposeAsync()
        {
            await _provider.DisposeAsync().ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    public static string Table(ReplayResult r) => string.Join(
        Environment.NewLine,
        "| scenario | events | ours: rebuild every read model (events/s, median (min–max)) | raw: read the tape (rows/s, median (min–max)) | ratio ours/raw | floor | result |",
        "|---|---:|---:|---:|---:|---:|---|",
        string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Events:N0} | {r.Ours.Format()} | {r.Raw.Format()} | {r.Ratio:0.00} | >= {r.Floor:N0}/s | {(r.Pass ? "pass" : "FAIL")} |"));
}
