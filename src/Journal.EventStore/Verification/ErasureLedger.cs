using Journal.EventStore.Chain;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Erasure;
using Journal.EventStore.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Verification;

/// <summary>
/// Reads which payloads are erased, for signing a checkpoint and for checking one, each in one read
/// snapshot (an erasure committed meanwhile is either wholly in it, record and NULL, or not at all).
/// </summary>
internal static class ErasureLedger
{
    /// <summary>The head and the count and digest of the erased positions up to it.</summary>
    public static CheckpointState ReadState(SqliteConnection connection, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        long seq = 0;
        var hash = ChainHash.Genesis.ToArray();
        using (var head = connection.CreateCommand())
        {
            head.CommandText = TapeSql.SelectHead;
            using var reader = head.ExecuteReader();
            if (reader.Read())
            {
                seq = reader.GetInt64(0);
                hash = (byte[])reader.GetValue(1);
            }
        }

        using var digest = new ErasedSeqsDigest();
        foreach (var erased in ErasedUpTo(connection, seq, ct))
        {
            digest.Append(erased);
        }

        return new CheckpointState(seq, hash, digest.Count, digest.Finish());
    }

    /// <summary>
    /// The erasures seen from <paramref name="checkpointSeq"/>: every erased payload a record after it lists,
    /// and the count and digest of the other erased positions up to it (what the checkpoint counted).
    /// </summary>
    public static ErasureAudit Audit(SqliteConnection connection, long checkpointSeq, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var recordedAfter = new Dictionary<long, (long RecordSeq, string Reason)>();
        using (var records = connection.CreateCommand())
        {
            records.CommandText = TapeSql.SelectErasureRecordsAfter;
            records.Parameters.AddWithValue("$type", ErasureRecord.EventTypeName);
            records.Parameters.AddWithValue("$stream", ErasureRecord.StreamName);
            records.Parameters.AddWithValue("$after", checkpointSeq);
            using var reader = records.ExecuteReader();
            while (reader.Read())
            {
                // A record that does not decode is the chain check's to report; here it lists nothing.
                if (!reader.IsDBNull(1) && ErasureRecord.TryDecode((byte[])reader.GetValue(1), reader.GetInt64(0), out var seqs, out var reason))
                {
                    foreach (var erased in seqs)
                    {
                        recordedAfter.TryAdd(erased, (reader.GetInt64(0), reason));
                    }
                }
            }
        }

        using var digest = new ErasedSeqsDigest();
        var since = new List<ErasedSinceCheckpoint>();
        foreach (var erased in ErasedUpTo(connection, long.MaxValue, ct))
        {
            if (recordedAfter.TryGetValue(erased, out var record))
            {
                since.Add(new ErasedSinceCheckpoint(erased, record.RecordSeq, record.Reason));
            }
            else if (erased <= checkpointSeq)
            {
                digest.Append(erased);
            }
        }

        return new ErasureAudit(digest.Count, digest.Finish(), since);
    }

    private static IEnumerable<long> ErasedUpTo(SqliteConnection connection, long to, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectErasedSeqs;
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            yield return reader.GetInt64(0);
        }
    }
}
