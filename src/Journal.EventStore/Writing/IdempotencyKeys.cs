using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.EventStore.Writing;

/// <summary>
/// A command's idempotency key, checked and recorded inside the append's transaction, so the key and the
/// events it stands for commit (or roll back) together.
/// </summary>
internal sealed class IdempotencyKeys(ITapeStatements sql)
{
    /// <summary>Refuses, before anything is written, a key already recorded for a different command.</summary>
    public void Check(AppendRequest request)
    {
        if (request.Idempotency is { } record && sql.FindIdempotency(record.Key) is { } existing
            && !existing.RequestHash.AsSpan().SequenceEqual(record.RequestHash))
        {
            throw new RuleViolationException("idempotency.key_conflict", $"idempotency key '{record.Key}' was used by a different command ({existing.CommandType})");
        }
    }

    /// <summary>
    /// Records the command's idempotency key with its first result. A key already recorded with the same
    /// request hash is a concurrent retry (its events were duplicates); with another hash it is a conflict.
    /// </summary>
    public void Remember(AppendRequest request, AppendResult[] results, GroupState state)
    {
        if (request.Idempotency is not { } record || sql.FindIdempotency(record.Key) is not null)
        {
            return;
        }

        var written = results.All(r => r.Duplicate) ? 0 : results.Sum(r => r.Events.Count);
        sql.InsertIdempotency(record, results[0].Stream.Value, results[0].StreamVersion, results.Max(r => r.Position), written, state.RecordedAt);
    }
}
