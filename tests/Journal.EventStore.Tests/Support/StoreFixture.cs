using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Support;

/// <summary>Opens stores on a temp directory; disposes everything it opened.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteEventStore> _opened = [];
    private readonly EventTypeRegistry _registry;

    /// <param name="fileName">The tape's file name in the data directory.</param>
    /// <param name="registry">The event types the stores know (the test events of this assembly when null).</param>
    public StoreFixture(string fileName = "journal.db", EventTypeRegistry? registry = null)
    {
        DatabasePath = _directory.File(Path.Combine("data", fileName));
        _registry = registry ?? Registry;
    }

    public string DatabasePath { get; }

    public string DirectoryPath => _directory.Path;

    public ManualClock Clock { get; } = new(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture));

    public static EventTypeRegistry Registry { get; } = new([typeof(Happened).Assembly]);

    public SqliteEventStore Open(Func<JournalStoreOptions, JournalStoreOptions>? configure = null)
    {
        var options = new JournalStoreOptions { DatabasePath = DatabasePath };
        options = configure?.Invoke(options) ?? options;
        var store = SqliteEventStore.Open(options, _registry, Clock);
        _opened.Add(store);
        return store;
    }

    public async Task<SqliteEventStore> ReopenAsync(SqliteEventStore store, Func<JournalStoreOptions, JournalStoreOptions>? configure = null)
    {
        await CloseAsync(store);
        return Open(configure);
    }

    public async Task CloseAsync(SqliteEventStore store)
    {
        _opened.Remove(store);
        await store.DisposeAsync();
    }

    /// <summary>A raw connection to the tape file, as another SQLite client would open it.</summary>
    public SqliteConnection RawConnection()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened.ToArray())
        {
            await store.DisposeAsync();
        }

        _directory.Dispose();
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
