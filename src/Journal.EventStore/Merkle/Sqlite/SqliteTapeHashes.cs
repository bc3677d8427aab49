using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Merkle.Sqlite;

/// <summary>Reads the SQLite tape's hash column for the tree, on the tape's pooled read connections.</summary>
internal sealed class SqliteTapeHashes(SqliteConnections tape, Guid journalId) : ITapeHashSource
{
    public Guid JournalId => journalId;

    public Task<long> ReadHeadAsync(CancellationToken ct)
    {
        using var session = tape.Rent();
        var command = session.Command(Sql.TapeSql.SelectHead);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? reader.GetInt64(0) : 0L);
    }

    public Task<int> ReadHashesAsync(long fromSeq, int count, byte[] destination, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var session = tape.Rent();
        var command = session.Command(MerkleSql.SelectHashRange);
        command.Parameters.AddWithValue("$from", fromSeq);
        command.Parameters.AddWithValue("$to", fromSeq + count - 1);
        using var reader = command.ExecuteReader();
        return Task.FromResult(Copy(reader, fromSeq, count, destination));
    }

    /// <summary>Copies the rows' hashes in order, refusing a gap or a hash of another size.</summary>
    private static int Copy(SqliteDataReader reader, long fromSeq, int count, byte[] destination)
    {
        var read = 0;
        while (read < count && reader.Read())
        {
            var seq = reader.GetInt64(0);
            if (seq != fromSeq + read)
            {
                throw new InvalidDataException($"the tape has no event at seq {fromSeq + read} (the next is {seq})");
            }

            // The tape's schema holds every hash to 32 bytes (CHECK length(hash) = 32): a shorter one is all that can differ.
            if (reader.GetBytes(1, 0, destination, read * MerkleHash.Size, MerkleHash.Size) != MerkleHash.Size)
            {
                throw new InvalidDataException($"the hash at seq {seq} is not {MerkleHash.Size} bytes");
            }
            read++;
        }

        return read;
    }
}
