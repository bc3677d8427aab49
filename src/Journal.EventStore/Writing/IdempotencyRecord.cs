namespace Journal.EventStore.Writing;

/// <summary>A command's idempotency key and request hash, recorded with its events in one transaction.</summary>
/// <param name="Key">The client's key.</param>
/// <param name="RequestHash">SHA-256 of the command type and its content.</param>
/// <param name="CommandType">The command's type name, for diagnostics.</param>
public sealed record IdempotencyRecord(string Key, byte[] RequestHash, string CommandType);

/// <summary>What an idempotency key recorded: the first result of its command.</summary>
public sealed record IdempotencyEntry(byte[] RequestHash, string CommandType, string StreamId, long StreamVersion, long Position, int EventsWritten);
