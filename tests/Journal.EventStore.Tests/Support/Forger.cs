using System.Text.Json.Nodes;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Codec;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Support;

/// <summary>
/// What an attacker with write access and docs/hash-chain.md can do: edit rows and recompute every hash
/// after them, so that the chain itself holds again. No key is needed for any of it.
/// </summary>
public static class Forger
{
    /// <summary>Drops every trigger on journal_events (the append-only ones and the storage-class ones).</summary>
    public static void DropTriggers(SqliteConnection connection)
    {
        var names = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal_events'";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            Execute(connection, $"DROP TRIGGER \"{name}\"");
        }
    }

    /// <summary>
    /// Replaces journal_events by a plain copy without constraints or triggers (as another tool could),
    /// so rows may be given any seq or stream version.
    /// </summary>
    public static void CopyWithoutConstraints(SqliteConnection connection, string seqExpression = "seq")
    {
        DropTriggers(connection);
        Execute(connection, $"""
            CREATE TABLE journal_events_copy (seq INTEGER PRIMARY KEY, event_id BLOB, stream_id TEXT, stream_version INTEGER, event_type TEXT,
                recorded_at INTEGER, metadata BLOB, payload BLOB, payload_digest BLOB, prev_hash BLOB, hash BLOB);
            INSERT INTO journal_events_copy SELECT {seqExpression}, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload,
                payload_digest, prev_hash, hash FROM journal_events;
            DROP TABLE journal_events;
            ALTER TABLE journal_events_copy RENAME TO journal_events;
            """);
    }

    /// <summary>Recomputes prev_hash and hash of every row from <paramref name="fromSeq"/> on, from the stored column bytes.</summary>
    public static void Rechain(SqliteConnection connection, long fromSeq)
    {
        var prev = fromSeq == 1 ? ChainHash.Genesis.ToArray() : HashAt(connection, fromSeq - 1);
        var rows = new List<(long Seq, byte[] Id, byte[] Stream, long Version, byte[] Type, long At, byte[] Metadata, byte[] Digest)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT seq, event_id, CAST(stream_id AS BLOB), stream_version, CAST(event_type AS BLOB), recorded_at, metadata, payload_digest FROM journal_events WHERE seq >= $from ORDER BY seq";
            select.Parameters.AddWithValue("$from", fromSeq);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2], reader.GetInt64(3), (byte[])reader[4], reader.GetInt64(5), (byte[])reader[6], (byte[])reader[7]));
            }
        }

        foreach (var row in rows)
        {
            var hash = new byte[ChainHash.Size];
            ChainHash.Compute(prev, row.Seq, row.Id, row.Stream, row.Version, row.Type, row.At, ChainHash.Digest(row.Metadata), row.Digest, hash);
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE journal_events SET prev_hash = $prev, hash = $hash WHERE seq = $seq";
            update.Parameters.AddWithValue("$prev", prev);
            update.Parameters.AddWithValue("$hash", hash);
            update.Parameters.AddWithValue("$seq", row.Seq);
            update.ExecuteNonQuery();
            prev = hash;
        }
    }

    /// <summary>The MessagePack payload of an erasure record, as the journal writes it.</summary>
    public static byte[] ErasurePayload(IEnumerable<long> seqs, string reason) =>
        JsonMessagePack.Encode(new JsonObject { ["seqs"] = new JsonArray(seqs.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()), ["reason"] = reason });

    /// <summary>Appends a well-chained event at the head (text columns stored as text); returns its seq.</summary>
    public static long Append(SqliteConnection connection, string stream, string eventType, byte[] payload)
    {
        long head;
        byte[] prev;
        long version;
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT seq, hash FROM journal_events ORDER BY seq DESC LIMIT 1";
            using var reader = select.ExecuteReader();
            (head, prev) = reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0L, ChainHash.Genesis.ToArray());
        }

        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT COALESCE(MAX(stream_version), 0) FROM journal_events WHERE stream_id = $stream";
            select.Parameters.AddWithValue("$stream", stream);
            version = (long)select.ExecuteScalar()! + 1;
        }

        var seq = head + 1;
        var id = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var metadata = PayloadSerializer.EncodeMetadata(new EventMetadata(Actor: "ops"));
        var digest = ChainHash.Digest(payload);
        var hash = ChainHash.Compute(prev, new ChainFields(seq, id, stream, version, eventType, at), ChainHash.Digest(metadata), digest);
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash)
            VALUES ($seq, $id, $stream, $version, $type, $at, $metadata, $payload, $digest, $prev, $hash)
            """;
        insert.Parameters.AddWithValue("$seq", seq);
        insert.Parameters.AddWithValue("$id", id.ToByteArray(bigEndian: true));
        insert.Parameters.AddWithValue("$stream", stream);
        insert.Parameters.AddWithValue("$version", version);
        insert.Parameters.AddWithValue("$type", eventType);
        insert.Parameters.AddWithValue("$at", at);
        insert.Parameters.AddWithValue("$metadata", metadata);
        insert.Parameters.AddWithValue("$payload", payload);
        insert.Parameters.AddWithValue("$digest", digest);
        insert.Parameters.AddWithValue("$prev", prev);
        insert.Parameters.AddWithValue("$hash", hash);
        insert.ExecuteNonQuery();
        return seq;
    }

    /// <summary>
    /// Blanks the payloads at <paramref name="seqs"/> with the one update the triggers allow, then appends a
    /// well-chained erasure record naming them: what an attacker who wants a payload gone would do.
    /// </summary>
    public static long EraseWithForgedRecord(SqliteConnection connection, IReadOnlyList<long> seqs, string reason)
    {
        foreach (var seq in seqs)
        {
            using var blank = connection.CreateCommand();
            blank.CommandText = "UPDATE journal_events SET payload = NULL WHERE seq = $seq";
            blank.Parameters.AddWithValue("$seq", seq);
            blank.ExecuteNonQuery();
        }

        return Append(connection, "journal-erasures", "journal.payloads_erased.v1", ErasurePayload(seqs, reason));
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static byte[] HashAt(SqliteConnection connection, long seq)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT hash FROM journal_events WHERE seq = $seq";
        select.Parameters.AddWithValue("$seq", seq);
        return (byte[])select.ExecuteScalar()!;
    }
}
