using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Postgres;
using Npgsql;

namespace Journal.EventStore.Merkle.Postgres;

/// <summary>Reads the PostgreSQL tape's hash column for the tree.</summary>
internal sealed class PostgresTapeHashes(NpgsqlDataSource dataSource, Guid journalId) : ITapeHashSource
{
    public Guid JournalId => journalId;

    public async Task<long> ReadHeadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Journal.EventStore.Postgres.Reading.PostgresReadSql.SelectHead);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetInt64(0) : 0L;
    }

    public async Task<int> ReadHashesAsync(long fromSeq, int count, byte[] destination, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(MerkleSql.PostgresSelectHashRange);
        command.Parameters.AddWithValue("from", fromSeq);
        command.Parameters.AddWithValue("to", fromSeq + count - 1);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var read = 0;
        while (read < count && await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var seq = reader.GetInt64(0);
            if (seq != fromSeq + read)
            {
                throw new InvalidDataException($"the tape has no event at seq {fromSeq + read} (the next is {seq})");
            }

            var hash = reader.GetFieldValue<byte[]>(1);
            if (hash.Length != MerkleHash.Size)
            {
                throw new InvalidDataException($"the hash at seq {seq} is not {MerkleHash.Size} bytes");
            }

            hash.CopyTo(destination, read * MerkleHash.Size);
            read++;
        }

        return read;
    }
}
