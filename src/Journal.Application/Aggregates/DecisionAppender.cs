using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.EventStore.Writing;

namespace Journal.Application.Aggregates;

/// <summary>
/// Turns a command's decision into one append: the events' type names and ids, the command's context as
/// their metadata, and its idempotency key with the request's hash, recorded in the same transaction.
/// </summary>
internal sealed class DecisionAppender(IAggregateTape tape, TimeProvider time)
{
    /// <summary>
    /// The first result of an earlier command with the same idempotency key, or null. The one lookup of
    /// a key before a command runs; the append records the key in its transaction, so two racing first
    /// tries of one key still write once.
    /// </summary>
    /// <exception cref="RuleViolationException"><c>idempotency.key_conflict</c>: the key was used by a different command.</exception>
    public CommandResult? FindReplay(ICommand command)
    {
        if (command.Context?.IdempotencyKey is not { } key || tape.FindIdempotency(key) is not { } entry)
        {
            return null;
        }

        if (!entry.RequestHash.AsSpan().SequenceEqual(RequestHash(command)))
        {
            throw new RuleViolationException("idempotency.key_conflict", $"idempotency key '{key}' was used by a different command ({entry.CommandType})");
        }

        return new CommandResult(entry.StreamId, entry.StreamVersion, entry.Position, entry.EventsWritten, Replayed: true);
    }

    /// <summary>Appends every change against the version it was decided on, in one transaction.</summary>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<AggregateChange> changes, ICommand command, CancellationToken ct)
    {
        var context = command.Context ?? CommandContext.None;
        var metadata = new EventMetadata(context.Actor, context.Principal, context.CorrelationId, context.CausationId);
        var appends = changes.Select(c => new StreamAppend(
            c.Stream,
            ExpectedVersion.Exact(c.ExpectedVersion),
            c.Events.Select((e, i) => new EventData(EventId(context, c.Stream, i), NameOf(e), e)).ToList())).ToList();
        var idempotency = context.IdempotencyKey is { } key ? new IdempotencyRecord(key, RequestHash(command), command.GetType().Name) : null;
        return tape.AppendAsync(appends, metadata, idempotency, ct);
    }

    /// <summary>SHA-256 of the command's type name and its content (its context left out).</summary>
    internal static byte[] RequestHash(ICommand command)
    {
        var node = JsonSerializer.SerializeToNode(command, command.GetType(), PayloadSerializer.JsonOptions);
        if (node is JsonObject json)
        {
            json.Remove("context");
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(command.GetType().FullName + "\n" + node?.ToJsonString()));
    }

    private string NameOf(object @event) =>
        tape.Serializer.Registry.TryGetName(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"{@event.GetType().FullName} has no [EventType] name registered");

    /// <summary>
    /// With an idempotency key, event ids are derived from the key, so a retry after a crash appends
    /// the same ids and the tape's own idempotency returns the first positions. Without one, new ids.
    /// </summary>
    private Guid EventId(CommandContext context, StreamId stream, int index)
    {
        if (context.IdempotencyKey is not { } key)
        {
            return Guid.CreateVersion7(time.GetUtcNow());
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"journal.event-id.v1\n{key}\n{stream.Value}\n{index}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
