using System.Globalization;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Schema;
using Journal.EventStore.Serialization;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Export;

/// <summary>
/// Copies a tape, row by row, into a new SQLite tape file: the project's schema, every column's bytes as
/// the source holds them (erased payloads stay erased), and the source's journal id, so the file verifies
/// on its own (<c>verify --db</c>, <c>tools/verify_chain.py</c>). The copy is written beside the target and
/// renamed into place only when whole; a file already at the target is never replaced.
/// </summary>
public static class SqliteTapeExport
{
    /// <summary>Writes every row of <paramref name="source"/> to the new file <paramref name="targetPath"/> (owner-only).</summary>
    /// <exception cref="ArgumentException">The target path is empty or has a <c>..</c> segment.</exception>
    /// <exception cref="IOException">Something already exists at the target (it is left as it was).</exception>
    /// <exception cref="SchemaException">The source has no journal id to carry over.</exception>
    public static async Task<TapeExportResult> WriteAsync(ITapeExportSource source, string targetPath, TimeProvider time, CancellationToken ct)
    {
        StoragePaths.Validate(targetPath, "export path");
        var target = Path.GetFullPath(targetPath);
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new IOException($"export refused: '{target}' exists already; export writes a new file only");
        }

        var journalId = source.JournalId
            ?? throw new SchemaException("schema.no_journal_id", "the tape has no journal id (made before schema version 2); open it once with the service to upgrade it, then export");
        StoragePaths.EnsureDirectory(target);
        var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N");
        StoragePaths.EnsureOwnerOnlyFile(temporary);
        try
        {
            Copied copied;
            using (var connection = Backup.TapeBackup.OpenFile(temporary, SqliteOpenMode.ReadWrite))
            {
                Migrator.Migrate(connection, MigrationSet.Tape(), time);
                WriteJournalInfo(connection, journalId, time);
                copied = await CopyRowsAsync(source, connection, ct);
            }

            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            // Without overwrite, a file that appeared at the target while the copy ran is kept and this fails.
            File.Move(temporary, target, overwrite: false);
            StoragePaths.RestrictDatabaseFiles(target);
            return new TapeExportResult(target, journalId, copied.Events, copied.Erased, copied.HeadSeq, Convert.ToHexStringLower(copied.HeadHash.Span), new FileInfo(target).Length);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + "-journal");
        }
    }

    private static void WriteJournalInfo(SqliteConnection connection, Guid journalId, TimeProvider time)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = TapeSql.InsertJournalInfo;
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var value = insert.Parameters.Add("$value", SqliteType.Text);
        key.Value = "journal_id";
        value.Value = journalId.ToString();
        insert.ExecuteNonQuery();
        key.Value = "created_at";
        value.Value = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
    }

    private static async Task<Copied> CopyRowsAsync(ITapeExportSource source, SqliteConnection connection, CancellationToken ct)
    {
        // One transaction: the file is not in place until it is whole, so there is nothing to gain from many.
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = TapeSql.InsertEvent;
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var eventId = insert.Parameters.Add("$event_id", SqliteType.Blob);
        var streamId = insert.Parameters.Add("$stream_id", SqliteType.Text);
        var streamVersion = insert.Parameters.Add("$stream_version", SqliteType.Integer);
        var eventType = insert.Parameters.Add("$event_type", SqliteType.Text);
        var recordedAt = insert.Parameters.Add("$recorded_at", SqliteType.Integer);
        var metadata = insert.Parameters.Add("$metadata", SqliteType.Blob);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        var payloadDigest = insert.Parameters.Add("$payload_digest", SqliteType.Blob);
        var prevHash = insert.Parameters.Add("$prev_hash", SqliteType.Blob);
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        insert.Prepare();
        var copied = new Copied();
        await foreach (var row in source.ReadAllAsync(1, ct))
        {
            seq.Value = row.Seq;
            eventId.Value = row.EventId.ToByteArray(bigEndian: true);
            streamId.Value = row.StreamId;
            streamVersion.Value = row.StreamVersion;
            eventType.Value = row.EventType;
            recordedAt.Value = row.RecordedAt;
            metadata.Value = MetadataBytes(row);
            payload.Value = row.Payload is { } bytes ? bytes.ToArray() : DBNull.Value;
            payloadDigest.Value = row.PayloadDigest.ToArray();
            prevHash.Value = row.PrevHash.ToArray();
            hash.Value = row.Hash.ToArray();
            insert.ExecuteNonQuery();
            copied.Add(row);
        }

        transaction.Commit();
        return copied;
    }

    /// <summary>The stored bytes; a row made in memory (no stored bytes) is encoded as the writer encodes it, which the chain then checks.</summary>
    private static byte[] MetadataBytes(RecordedEvent row) =>
        row.StoredMetadata is { } stored ? stored.ToArray() : PayloadSerializer.EncodedMetadata.Of(row.Metadata).Bytes;

    private sealed class Copied
    {
        public long Events { get; private set; }

        public long Erased { get; private set; }

        public long HeadSeq { get; private set; }

        public ReadOnlyMemory<byte> HeadHash { get; private set; } = ChainHash.Genesis;

        public void Add(RecordedEvent row)
        {
            Events++;
            Erased += row.IsErased ? 1 : 0;
            HeadSeq = row.Seq;
            HeadHash = row.Hash;
        }
    }
}
