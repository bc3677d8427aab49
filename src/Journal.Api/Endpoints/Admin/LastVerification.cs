using Journal.EventStore.Ports;
using Journal.EventStore.Verification;

namespace Journal.Api.Endpoints.Admin;

/// <summary>Runs chain verification and remembers the last report, for the health report.</summary>
public sealed class LastVerification(ITapeVerification tape, TimeProvider time, Operations.OperationsMetrics? metrics = null) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private VerifiedAt? _last;

    /// <summary>The last report and when it was made; null before the first verification.</summary>
    public VerifiedAt? Last => Volatile.Read(ref _last);

    /// <summary>Verifies <paramref name="from"/>..<paramref name="to"/> (one verification at a time) and remembers the report.</summary>
    public async Task<VerifiedAt> RunAsync(long from, long? to, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var report = await tape.VerifyAsync(from, to, ct);
            var verified = new VerifiedAt(report, time.GetUtcNow());
            metrics?.RecordVerification(report.IsIntact, report.ElapsedMs);
            Volatile.Write(ref _last, verified);
            return verified;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _one.Dispose();
}

/// <summary>A verification report and when it was made.</summary>
/// <param name="At">When.</param>
public sealed record VerifiedAt(VerificationReport Report, DateTimeOffset At);
