using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Reading;

/// <summary>Maps a tape row (columns in the order of the <c>Select*</c> statements) to a <see cref="RecordedEvent"/>.</summary>
internal static class EventRow
{
    public static RecordedEvent Read(SqliteDataReader reader)
    {
        var metadata = (byte[])reader.GetValue(6);
        return new RecordedEvent(
            Seq: reader.GetInt64(0),
            EventId: new Guid((byte[])reader.GetValue(1), bigEndian: true),
            StreamId: reader.GetString(2),
            StreamVersion: reader.GetInt64(3),
            EventType: reader.GetString(4),
            RecordedAt: reader.GetInt64(5),
            Metadata: PayloadSerializer.DecodeMetadata(metadata),
            Payload: reader.IsDBNull(7) ? (ReadOnlyMemory<byte>?)null : (byte[])reader.GetValue(7),
            PayloadDigest: (byte[])reader.GetValue(8),
            PrevHash: (byte[])reader.GetValue(9),
            Hash: (byte[])reader.GetValue(10));
    }
}
