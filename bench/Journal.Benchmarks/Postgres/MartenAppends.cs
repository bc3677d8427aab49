using JasperFx;
using JasperFx.Events;
using Journal.Benchmarks.Tape;
using Journal.Testing.Postgres;
using Marten;

namespace Journal.Benchmarks.Postgres;

/// <summary>
/// Marten's own appends, the reference event store on PostgreSQL: one event per call
/// (<c>session.Events.Append</c> + <c>SaveChangesAsync</c> on a lightweight session), string stream keys, its
/// <see cref="EventAppendMode.Quick"/> mode (its faster append, which leaves out the event metadata inline projections
/// would see and takes timestamps from the server), in a database of its own made fresh each round. The store is built
/// and its schema created before the clock starts, and one untimed append warms its generated code and its pool.
/// </summary>
internal sealed class MartenAppends : IAsyncDisposable
{
    private readonly PgDatabase _database;
    private readonly DocumentStore _store;

    private MartenAppends(PgDatabase database, DocumentStore store)
    {
        _database = database;
        _store = store;
    }

    public static async Task<MartenAppends> OpenAsync(PostgresServer server)
    {
        var database = await PgDatabase.CreateAsync(server, "marten").ConfigureAwait(false);
        var store = DocumentStore.For(options =>
        {
            options.Connection(database.ConnectionString);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.UseSystemTextJsonForSerialization();
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.AddEventType<NoteRecorded>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        var marten = new MartenAppends(database, store);
        await marten.AppendAsync("warm-up", 0).ConfigureAwait(false);
        return marten;
    }

    /// <summary>Every caller appends <paramref name="perCaller"/> single events to its own stream, all at once.</summary>
    public async Task<long> WriteAsync(int callers, int perCaller)
    {
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var stream = $"note-{c}";
            for (var i = 0; i < perCaller; i++)
            {
                await AppendAsync(stream, i).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return (long)callers * perCaller;
    }

    /// <summary>The Marten side: a fresh database and store per round.</summary>
    public static BenchSide Side(PostgresServer server, int callers, int perCaller) => new(
        async () => await OpenAsync(server).ConfigureAwait(false),
        state => ((MartenAppends)state!).WriteAsync(callers, perCaller),
        async state => await ((MartenAppends)state!).DisposeAsync().ConfigureAwait(false));

    private async Task AppendAsync(string stream, long n)
    {
        await using var session = _store.LightweightSession();
        session.Events.Append(stream, BenchEvents.Note(n));
        await session.SaveChangesAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }
}
