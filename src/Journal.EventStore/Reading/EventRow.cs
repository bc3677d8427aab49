using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Reading;

/// <summary>Maps a tape row (columns in the order of the <c>Select*</c> statements) to a <see cref="RecordedEvent"/>.</summary>
internal static class EventRow
{
    /// <summary>Decodes stored metadata (one delegate for every row).</summary>
    private static readonly Func<ReadOnlyMemory<byte>, EventMetadata> DecodeMetadata = bytes => PayloadSerializer.DecodeMetadata(bytes);

    /// <summary>Runs <paramref name="command"/> (a <c>Select*</c> statement, parameters bound) and maps every row.</summary>
    public static List<RecordedEvent> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var events = new List<RecordedEvent>();
        while (reader.Read())
        {
            events.Add(Read(reader));
        }

        return events;
    }

    /// <summary>Maps the current row; its metadata is decoded when first read, not here.</summary>
    public static RecordedEvent Read(System.Data.Common.DbDataReader reader) => new(
        seq: reader.GetInt64(0),
        eventId: new Guid((byte[])reader.GetValue(1), bigEndian: true),
        streamId: reader.GetString(2),
        streamVersion: reader.GetInt64(3),
        eventType: reader.GetString(4),
        recordedAt: reader.GetInt64(5),
        encodedMetadata: (byte[])reader.GetValue(6),
        decodeMetadata: DecodeMetadata,
        payload: reader.IsDBNull(7) ? (ReadOnlyMemory<byte>?)null : (byte[])reader.GetValue(7),
        payloadDigest: (byte[])reader.GetValue(8),
        prevHash: (byte[])reader.GetValue(9),
        hash: (byte[])reader.GetValue(10));
}
