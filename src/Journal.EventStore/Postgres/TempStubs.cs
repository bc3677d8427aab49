#pragma warning disable
using Journal.Domain.Tape;
using Npgsql;
namespace Journal.EventStore.Postgres;
internal sealed class PostgresTapeReader(NpgsqlDataSource d, int b)
{
    public Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct) => throw new NotImplementedException();
    public List<RecordedEvent> ReadStreamFrom(string stream, long fromVersion, int limit) => throw new NotImplementedException();
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct) => throw new NotImplementedException();
    public List<RecordedEvent> ReadBatch(long fromSeq, int limit) => throw new NotImplementedException();
    public Task<TapeHead> ReadHeadAsync(CancellationToken ct) => throw new NotImplementedException();
    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct) => throw new NotImplementedException();
    public Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct) => throw new NotImplementedException();
    public Writing.IdempotencyEntry? FindIdempotency(string key) => throw new NotImplementedException();
    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) => throw new NotImplementedException();
    public Reading.TapeStats ReadStats() => throw new NotImplementedException();
}
internal sealed class PostgresTapeCatalog(NpgsqlDataSource d) { public int SchemaVersion => 0; public long StorageBytes => 0; public IReadOnlyList<Maintenance.MaintenanceStep> RunMaintenance() => []; }
internal sealed class PostgresTapeVerifier(NpgsqlDataSource d) {
 public Task<Verification.VerificationReport> VerifyAsync(long from, long? to, CancellationToken ct) => throw new NotImplementedException();
 public Task<IReadOnlyList<string>> CheckFileAsync(CancellationToken ct) => throw new NotImplementedException();
 public Task<Checkpoints.CheckpointState> ReadCheckpointStateAsync(CancellationToken ct) => throw new NotImplementedException();
}
internal static class PostgresTapeExport { public static Task<Backup.BackupResult> ToSqliteAsync(PostgresEventStore s, string p, CancellationToken ct) => throw new NotImplementedException(); }
