using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Npgsql;

namespace Journal.EventStore.Postgres.Reading;

/// <summary>
/// Maps a PostgreSQL tape row (columns in the order of the <c>Select*</c> statements) to a <see cref="RecordedEvent"/>,
/// as <see cref="EventStore.Reading.EventRow"/> does for SQLite: the event id's bytes are big-endian, a NULL payload
/// is an erased one.
/// </summary>
internal static class PostgresEventRow
{
    /// <summary>Decodes stored metadata (one delegate for every row).</summary>
    private static readonly Func<ReadOnlyMemory<byte>, EventMetadata> DecodeMetadata = bytes => PayloadSerializer.DecodeMetadata(bytes);

    /// <summary>Runs <paramref name="command"/> and maps every row.</summary>
    public static List<RecordedEvent> ReadAll(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var events = new List<RecordedEvent>();
        while (reader.Read())
        {
            events.Add(Read(reader));
        }

        return events;
    }

    /// <summary>Runs <paramref name="command"/> and maps every row, asynchronously.</summary>
    public static async Task<List<RecordedEvent>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var events = new List<RecordedEvent>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                events.Add(Read(reader));
            }

            return events;
        }
    }

    /// <summary>Maps the current row; its metadata is decoded when first read, not here.</summary>
    public static RecordedEvent Read(NpgsqlDataReader reader) => new(
        seq: reader.GetInt64(0),
        eventId: new Guid(reader.GetFieldValue<byte[]>(1), bigEndian: true),
        streamId: reader.GetString(2),
        streamVersion: reader.GetInt64(3),
        eventType: reader.GetString(4),
        recordedAt: reader.GetInt64(5),
        encodedMetadata: reader.GetFieldValue<byte[]>(6),
        decodeMetadata: DecodeMetadata,
        payload: reader.IsDBNull(7) ? (ReadOnlyMemory<byte>?)null : reader.GetFieldValue<byte[]>(7),
        payloadDigest: reader.GetFieldValue<byte[]>(8),
        prevHash: reader.GetFieldValue<byte[]>(9),
        hash: reader.GetFieldValue<byte[]>(10));
}
