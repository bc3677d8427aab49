using Journal.Projections.Runtime;

namespace Journal.Api.Tests.Http.Support;

/// <summary>
/// Holds the read models back: while held, every projection batch waits before its commit until
/// <see cref="Release"/> (a wait on an event, not a sleep; at most 30 s, so a failing test cannot hang
/// the host's shutdown). Queries keep reading the last committed state meanwhile.
/// </summary>
public sealed class ReadModelGate : IProjectionFaults, IDisposable
{
    private readonly ManualResetEventSlim _open = new(initialState: true);

    /// <summary>From now on, no projection batch commits until <see cref="Release"/>.</summary>
    public void Hold() => _open.Reset();

    /// <summary>Lets the held batches commit.</summary>
    public void Release() => _open.Set();

    public void BeforeCommit(long lastSeq) => _open.Wait(TimeSpan.FromSeconds(30));

    public void Dispose() => _open.Dispose();
}
