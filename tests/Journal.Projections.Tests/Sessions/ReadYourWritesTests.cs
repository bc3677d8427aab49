using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Runtime;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Sessions;

public sealed class ReadYourWritesTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-readmodels-stale", Guid.NewGuid().ToString("N"));
    private JournalFixture? _journal;

    public async Task InitializeAsync()
    {
        _journal = new JournalFixture(projections: new ProjectionOptions
        {
            ApprovalExpirySweep = Timeout.InfiniteTimeSpan,
            DatabasePath = Path.Combine(_directory, "projections.db"),
            MaxWait = TimeSpan.FromSeconds(1),
        });
        await _journal.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _journal!.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task GetSessionById_throws_StaleReadException_when_MinPosition_is_beyond_anything_written()
    {
        var id = Guid.NewGuid();
        var created = await _journal!.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));

        var seen = await _journal.Query(new GetSessionByIdQuery(id, created.Position));
        var error = await Assert.ThrowsAsync<StaleReadException>(() => _journal.Query(new GetSessionByIdQuery(id, created.Position + 1_000)));

        Assert.Equal(id, seen.SessionId);
        Assert.Equal((created.Position + 1_000, created.Position), (error.Wanted, error.Reached));
    }

    [Fact]
    public async Task ListSessions_throws_StaleReadException_when_MinPosition_is_beyond_anything_written()
    {
        await Assert.ThrowsAsync<StaleReadException>(() => _journal!.Query(new ListSessionsQuery(MinPosition: 1_000_000)));
    }
}
