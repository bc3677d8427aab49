using Journal.EventStore.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Verification;

/// <summary>The lookups a verification makes beside its scan, each once: on a broken link, and per stream of a range.</summary>
internal static class RowLookups
{
    /// <summary>
    /// A prev_hash that is not the hash before: when it is the hash of another row, the rows were moved and the
    /// row it chains to is named; otherwise the link itself was changed.
    /// </summary>
    public static ChainMismatch LinkMismatch(SqliteConnection connection, long seq, ReadOnlySpan<byte> eventId, ReadOnlySpan<byte> prevHash, ReadOnlySpan<byte> expected)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectSeqByHash;
        command.Parameters.AddWithValue("$hash", prevHash.ToArray());
        command.Parameters.AddWithValue("$seq", seq);
        return command.ExecuteScalar() is long other
            ? new ChainMismatch(seq, TapeVerifier.IdOf(eventId), MismatchCodes.Reordered, (seq - 1).ToString(TapeVerifier.Inv), other.ToString(TapeVerifier.Inv))
            : TapeVerifier.Mismatch(seq, eventId, MismatchCodes.PrevHashMismatch, expected, prevHash);
    }

    /// <summary>A stream's last version before a range starts, so that a range checks its versions too.</summary>
    public static long VersionBefore(SqliteConnection connection, ReadOnlySpan<byte> stream, long from)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectStreamVersionBefore;
        command.Parameters.AddWithValue("$stream", stream.ToArray());
        command.Parameters.AddWithValue("$before", from);
        return command.ExecuteScalar() is long version ? version : 0;
    }
}
