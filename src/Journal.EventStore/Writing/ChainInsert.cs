using Journal.EventStore.Chain;
using Journal.EventStore.Serialization;

namespace Journal.EventStore.Writing;

/// <summary>Writes one event as the next link of the chain: the position after the group's head, hashed over the head's hash.</summary>
internal sealed class ChainInsert(ITapeStatements sql)
{
    /// <summary>Inserts the event and moves the group's head to it; returns its position.</summary>
    public long Insert(string stream, long version, EncodedEvent encoded, GroupState state)
    {
        var seq = state.HeadSeq + 1;
        var fields = new ChainFields(seq, encoded.EventId, stream, version, encoded.EventType, state.RecordedAt);
        var hash = ChainHash.Compute(state.HeadHash, fields, encoded.MetadataDigest, encoded.PayloadDigest);
        sql.Insert(fields, encoded, state.HeadHash, hash);
        state.Advance(seq, hash);
        state.Count(encoded.EventType, opensStream: version == 1);
        return seq;
    }
}
