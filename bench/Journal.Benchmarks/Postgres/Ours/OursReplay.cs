using System.Diagnostics;
using Journal.Benchmarks.Projections;
using Journal.Benchmarks.Tape;
using Journal.Domain.Sessions;
using Journal.EventStore.Serialization;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.Benchmarks.Postgres.Ours;

/// <summary>
/// replay-1m from PostgreSQL: the projections verb's mixed tape (<see cref="MixedTape.WriteAsync"/>) written through
/// <c>PostgresEventStore</c> into a fresh database (untimed, once per run: the server is thrown away), then the
/// projections verb's rebuild of every read model (<see cref="ReplayScenario.RebuildSide"/>) from it, against a raw
/// Npgsql read of every column of every row in seq order.
/// </summary>
internal static class OursReplay
{
    public static async Task<PgReplayFigures> RunAsync(PostgresServer server, BenchOptions options)
    {
        var events = options.Quick ? 100_000 : 1_000_000;
        var database = await PgDatabase.CreateAsync(server, "replay").ConfigureAwait(false);
        await using (database.ConfigureAwait(false))
        {
            Console.Error.WriteLine($"  writing {events:N0} mixed events through PostgresEventStore...");
            var build = Stopwatch.StartNew();
            var registry = new EventTypeRegistry([typeof(SessionCreated).Assembly]);
            var store = OursStores.Open(database, registry);
            await using (store.ConfigureAwait(false))
            {
                await MixedTape.WriteAsync(store, registry, events, CancellationToken.None).ConfigureAwait(false);
            }

            var built = build.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  written in {built:0.0} s");
            IReadOnlyList<string> projections = [];
            var ours = ReplayScenario.RebuildSide(OursStores.Options(database), events, names => projections = names);
            var raw = new BenchSide(
                () => Task.FromResult<object?>(null),
                async _ => await RawReadAsync(database.ConnectionString, events).ConfigureAwait(false),
                _ => Task.CompletedTask);
            var name = options.Quick ? "pg-replay-100k" : "pg-replay-1m";
            var measured = await BenchRunner.RunAsync(name, 0, options.Warmups, rounds: 3, ours, raw).ConfigureAwait(false);
            return new PgReplayFigures(name, events, projections, measured.Ours, measured.Raw, built);
        }
    }

    /// <summary>The baseline: every column of every row of journal_events in seq order, one connection, nothing decoded.</summary>
    private static async Task<long> RawReadAsync(string connectionString, long expected)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash FROM journal_events ORDER BY seq",
            connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        long rows = 0;
        long sink = 0;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            sink += Projections.ReplayScenario.TouchRow(reader);
            rows++;
        }

        if (rows != expected || sink == 0)
        {
            throw new InvalidOperationException($"the raw read saw {rows} rows, expected {expected}");
        }

        return rows;
    }
}
