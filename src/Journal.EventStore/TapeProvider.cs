namespace Journal.EventStore;

/// <summary>Where the tape is stored.</summary>
public enum TapeProvider
{
    /// <summary>One SQLite file written by one process (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several service instances append to.</summary>
    Postgres,
}
