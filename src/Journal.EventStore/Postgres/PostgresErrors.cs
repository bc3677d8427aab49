using System.Data.Common;
using Journal.EventStore.Storage;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>What a PostgreSQL failure means to a caller of the tape.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// A full disk and damaged data by their SQLSTATE; anything else (the server down or restarting, the
    /// connection lost, a timeout) is <see cref="StorageException.Unavailable"/>: retry later.
    /// </summary>
    public static StorageException Describe(string what, DbException error) => (error as PostgresException)?.SqlState switch
    {
        PostgresErrorCodes.DiskFull => new StorageException($"{what}: the disk holding the journal's database is full ({error.Message})", error, StorageException.Full),
        PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted => new StorageException($"{what}: the database reports damaged data ({error.Message})", error, StorageException.Corrupt),
        _ => new StorageException($"{what}: {error.Message}", error),
    };

    /// <summary>Integrity constraint violations: SQLSTATE class 23.</summary>
    public static bool IsConstraintViolation(DbException error) => error is PostgresException { SqlState: [ '2', '3', .. ] };

    /// <summary>A read that meets a database failure fails as <see cref="StorageException"/>, as a write does.</summary>
    public static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (NpgsqlException ex)
        {
            throw Describe("the tape could not be read", ex);
        }
    }

    /// <summary>An asynchronous read that meets a database failure fails as <see cref="StorageException"/>.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Describe("the tape could not be read", ex);
        }
    }
}
