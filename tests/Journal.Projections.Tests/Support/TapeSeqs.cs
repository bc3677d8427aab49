using Journal.Domain.Tape;

namespace Journal.Projections.Tests.Support;

/// <summary>Tape positions of a stream's events, to state exact expected positions.</summary>
public static class TapeSeqs
{
    /// <summary>The position of version <paramref name="version"/> of <paramref name="stream"/>.</summary>
    public static async Task<long> SeqOf(this ReadSideScenario scenario, StreamId stream, long version)
    {
        var slice = await scenario.Journal.Store.ReadStreamAsync(stream, version, ReadDirection.Forward, 1, default);
        return Assert.Single(slice.Events).Seq;
    }
}
