using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Journal.Projections.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.Projections.Tests.Runtime;

[EventType("test.counted.v1")]
public sealed record Counted(string Key, int Amount);

[EventType("test.ignored.v1")]
public sealed record Ignored(string Note);

/// <summary>Counts <see cref="Counted"/> events per key; refuses (throws on) the amount 13 and each seq at most once.</summary>
public sealed class CounterProjection(string name = "counter.v1") : IProjection
{
    public string Name { get; } = name;

    public string Table => ProjectionNames.TablePrefix(Name) + "totals";

    public string Applied => ProjectionNames.TablePrefix(Name) + "applied";

    public IReadOnlyCollection<string> EventTypes { get; } = ["test.counted.v1"];

    public void Create(ReadModelWriter db) => db.ExecuteScript($"""
        CREATE TABLE IF NOT EXISTS {Table} (key TEXT PRIMARY KEY, total INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS {Applied} (seq INTEGER PRIMARY KEY);
        """);

    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case Counted { Amount: 13 }:
                throw new InvalidOperationException("13 is poison");
            case Counted c:
                db.Execute($"INSERT INTO {Applied} (seq) VALUES ($seq)", ("$seq", e.Seq));
                db.Execute($"INSERT INTO {Table} (key, total) VALUES ($key, $amount) ON CONFLICT (key) DO UPDATE SET total = total + excluded.total", ("$key", c.Key), ("$amount", c.Amount));
                break;
        }
    }
}

/// <summary>Fails the commit of the batch that ends at a chosen position, once: a crash between batches.</summary>
public sealed class CrashBeforeCommit(long atSeq) : IProjectionFaults
{
    public bool Crashed { get; private set; }

    public void BeforeCommit(long lastSeq)
    {
        if (!Crashed && lastSeq >= atSeq)
        {
            Crashed = true;
            throw new IOException($"simulated crash before committing the batch ending at {lastSeq}");
        }
    }
}

/// <summary>A tape and a read-model store in a temp directory, and daemons over them.</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-projections", Guid.NewGuid().ToString("N"));
    private readonly List<ProjectionDaemon> _daemons = [];

    public RuntimeHarness()
    {
        Tape = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = Path.Combine(_directory, "journal.db") }, new EventTypeRegistry([typeof(Counted).Assembly]), TimeProvider.System);
        ReadModels = new ReadModelStore(Path.Combine(_directory, "projections.db"));
    }

    public SqliteEventStore Tape { get; }

    public ReadModelStore ReadModels { get; }

    public string Directory => _directory;

    public ProjectionDaemon Daemon(IEnumerable<IProjection> projections, ProjectionOptions? options = null, IProjectionFaults? faults = null, System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        var daemon = new ProjectionDaemon(Tape, ReadModels, projections, options ?? new ProjectionOptions { BatchSize = 10, MaxWait = TimeSpan.FromSeconds(5) }, TimeProvider.System, NullLogger<ProjectionDaemon>.Instance, faults, meters);
        _daemons.Add(daemon);
        return daemon;
    }

    public void Retire(ProjectionDaemon daemon)
    {
        _daemons.Remove(daemon);
        daemon.Dispose();
    }

    public async Task<long> CountAsync(string key, int amount, int times = 1)
    {
        long position = 0;
        for (var i = 0; i < times; i++)
        {
            position = (await Tape.AppendAsync(StreamId.Parse("counter-" + key), ExpectedVersion.Any, [new EventData(Guid.NewGuid(), "test.counted.v1", new Counted(key, amount))], EventMetadata.Empty, default)).Position;
        }

        return position;
    }

    public long Total(CounterProjection projection, string key) => Scalar($"SELECT coalesce((SELECT total FROM {projection.Table} WHERE key = '{key}'), 0)");

    public long Scalar(string sql)
    {
        using var connection = ReadModels.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            await daemon.StopAsync(default);
            daemon.Dispose();
        }

        ReadModels.Dispose();
        await Tape.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
