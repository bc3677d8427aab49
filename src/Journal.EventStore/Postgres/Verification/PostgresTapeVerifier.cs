using Journal.EventStore.Checkpoints;
using Journal.EventStore.Verification;
using Npgsql;

namespace Journal.EventStore.Postgres.Verification;

internal sealed class PostgresTapeVerifier(NpgsqlDataSource dataSource)
{
    public Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default) => throw new NotImplementedException(dataSource.ToString());

    public Task<IReadOnlyList<string>> CheckFileAsync(CancellationToken ct = default) => throw new NotImplementedException();

    public Task<CheckpointState> ReadCheckpointStateAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<ErasureAudit> AuditErasuresAsync(long checkpointSeq, CancellationToken ct) => throw new NotImplementedException();

    public Task<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct) => throw new NotImplementedException();
}
