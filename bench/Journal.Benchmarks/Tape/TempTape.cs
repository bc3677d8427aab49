using Journal.EventStore;

namespace Journal.Benchmarks.Tape;

/// <summary>A fresh directory under the system temp dir per round, deleted afterwards.</summary>
internal sealed class TempTape : IDisposable
{
    public TempTape()
    {
        Directory = Path.Combine(Path.GetTempPath(), "journal-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "journal.db");

    public static SqliteEventStore OpenStore(string path) =>
        SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = path }, BenchEvents.Registry, TimeProvider.System);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

/// <summary>Our store on a fresh file.</summary>
internal sealed class OursRound(TempTape temp, SqliteEventStore store) : IAsyncDisposable
{
    public SqliteEventStore Store { get; } = store;

    public static OursRound Open()
    {
        var temp = new TempTape();
        return new OursRound(temp, TempTape.OpenStore(temp.DatabasePath));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        temp.Dispose();
    }
}

/// <summary>The raw baseline on a fresh file.</summary>
internal sealed class RawRound(TempTape temp, RawTape raw) : IDisposable
{
    public RawTape Raw { get; } = raw;

    public static RawRound Open()
    {
        var temp = new TempTape();
        return new RawRound(temp, new RawTape(temp.DatabasePath));
    }

    public void Dispose()
    {
        Raw.Dispose();
        temp.Dispose();
    }
}
