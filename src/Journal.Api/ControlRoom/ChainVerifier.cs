using Journal.Api.Endpoints.Admin;
using Journal.ControlRoom.Hosting;
using Journal.EventStore.Verification;

namespace Journal.Api.ControlRoom;

/// <summary>"Verify now" runs what <c>GET /v1/admin/verify</c> runs: the whole chain, remembered for health and the verified mark.</summary>
internal sealed class ChainVerifier(LastVerification verification) : IChainVerifier
{
    public async Task<VerificationReport> VerifyAsync(CancellationToken ct) => (await verification.RunAsync(1, null, ct)).Report;
}
