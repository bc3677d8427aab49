using Journal.Benchmarks.Tape;
using Journal.Domain.Tape;
using Journal.EventStore.Postgres;
using Journal.Testing.Postgres;

namespace Journal.Benchmarks.Postgres.Ours;

/// <summary>
/// Ours: <see cref="PostgresEventStore"/> instances on a fresh database per round (each opened, migrated and warmed by
/// one untimed append before the clock starts); callers are dealt to the instances in turn, each appends single events
/// to its own stream with <see cref="ExpectedVersion.Any"/> and awaits each append, as the tape verb's append-16 does.
/// </summary>
internal sealed class OursAppends : IAsyncDisposable
{
    private readonly PgDatabase _database;
    private readonly PostgresEventStore[] _stores;

    private OursAppends(PgDatabase database, PostgresEventStore[] stores)
    {
        _database = database;
        _stores = stores;
    }

    public static async Task<OursAppends> OpenAsync(PostgresServer server, int instances)
    {
        var database = await PgDatabase.CreateAsync(server, "ours").ConfigureAwait(false);
        var stores = new PostgresEventStore[instances];
        for (var k = 0; k < instances; k++)
        {
            stores[k] = OursStores.Open(database, BenchEvents.Registry);
            await stores[k].AppendAsync(StreamId.Parse($"warm-up-{k}"), ExpectedVersion.Any, [BenchEvents.Event(k)], BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
        }

        return new OursAppends(database, stores);
    }

    /// <summary>The ours side: <paramref name="callers"/> callers over <paramref name="instances"/> stores, <paramref name="perCaller"/> appends each.</summary>
    public static BenchSide Side(PostgresServer server, int instances, int callers, int perCaller) => new(
        async () => await OpenAsync(server, instances).ConfigureAwait(false),
        state => ((OursAppends)state!).WriteAsync(callers, perCaller),
        async state => await ((OursAppends)state!).DisposeAsync().ConfigureAwait(false));

    public async Task<long> WriteAsync(int callers, int perCaller)
    {
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var store = _stores[c % _stores.Length];
            var stream = StreamId.Parse($"note-{c}");
            for (var i = 0; i < perCaller; i++)
            {
                await store.AppendAsync(stream, ExpectedVersion.Any, [BenchEvents.Event(i)], BenchEvents.Metadata, CancellationToken.None).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return (long)callers * perCaller;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }
}
