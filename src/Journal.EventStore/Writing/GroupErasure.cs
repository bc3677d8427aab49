using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Erasure;
using Journal.EventStore.Serialization;

namespace Journal.EventStore.Writing;

/// <summary>
/// One erasure inside an open group: blanks the payloads and records them erased with a
/// <c>journal.payloads_erased.v1</c> event, in the same transaction. It writes as it checks, so the group
/// runs it under a savepoint and a refusal part way leaves nothing of it.
/// </summary>
internal sealed class GroupErasure(ITapeStatements sql, PayloadSerializer serializer, TimeProvider time, StreamVersions versions, ChainInsert chain)
{
    public ErasureResult Apply(EraseRequest request, GroupState state)
    {
        var erased = new List<long>();
        var already = new List<long>();
        foreach (var seq in request.Seqs.Distinct().Order())
        {
            var found = sql.PayloadState(seq) ?? throw new NotFoundException("event", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (found.EventType.StartsWith("journal.", StringComparison.Ordinal))
            {
                throw new RuleViolationException("erasure.system_event", $"event {seq} ({found.EventType}) is the journal's own record and cannot be erased");
            }

            if (found.Erased)
            {
                already.Add(seq);
                continue;
            }

            sql.ErasePayload(seq);
            erased.Add(seq);
        }

        if (erased.Count == 0)
        {
            return new ErasureResult(erased, already, state.HeadSeq);
        }

        state.CountErased(erased.Count);
        var record = new PayloadsErased(erased, request.Reason);
        var encoded = serializer.Encode(new EventData(Guid.CreateVersion7(time.GetUtcNow()), "journal.payloads_erased.v1", record), request.Metadata);
        var stream = PayloadsErased.Stream.Value;
        var version = versions.Current(stream, state) + 1;
        var position = chain.Insert(stream, version, encoded, state);
        state.SetVersion(stream, version);
        return new ErasureResult(erased, already, position);
    }
}
