namespace Journal.EventStore;

/// <summary>The database a tape lives in.</summary>
public enum TapeProvider
{
    /// <summary>One SQLite file, written by one process: the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, shared by every instance that opens it.</summary>
    Postgres,
}
