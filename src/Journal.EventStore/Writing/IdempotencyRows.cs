using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Writing;

/// <summary>Maps a <c>journal_idempotency</c> row (columns of <c>SelectIdempotency.sql</c>).</summary>
internal static class IdempotencyRows
{
    public static IdempotencyEntry Read(SqliteDataReader reader) => new(
        (byte[])reader.GetValue(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetInt32(5));
}
