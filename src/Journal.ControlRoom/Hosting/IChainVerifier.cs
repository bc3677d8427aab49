using Journal.EventStore.Verification;

namespace Journal.ControlRoom.Hosting;

/// <summary>
/// "Verify now": the host runs the same verification as its admin verify endpoint (so the report is
/// remembered for health and the verified mark moves exactly as it does there).
/// </summary>
public interface IChainVerifier
{
    /// <summary>Verifies the whole chain and answers the report.</summary>
    Task<VerificationReport> VerifyAsync(CancellationToken ct);
}
