using Journal.Domain.Errors;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Querying;

public sealed class QueryBeforeStartTests : IAsyncLifetime
{
    private readonly JournalFixture _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task A_query_before_the_daemon_started_answers_from_empty_read_models_not_a_storage_error()
    {
        var page = await _journal.Query(new ListSessionsQuery());

        await Assert.ThrowsAsync<NotFoundException>(() => _journal.Query(new GetSessionByIdQuery(Guid.NewGuid())));
        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Statuses_and_dead_letters_before_the_daemon_started_answer_every_projection_not_a_storage_error()
    {
        var statuses = await _journal.Daemon.StatusAsync(default);

        Assert.Equal(_journal.Daemon.Names.Order(StringComparer.Ordinal), statuses.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(statuses, s => Assert.Equal(0L, s.LagEvents));
        Assert.Empty(_journal.Daemon.DeadLetters());
    }
}
