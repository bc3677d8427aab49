using Journal.Api.Tests.Http.Support;
using Journal.Testing.Postgres;
using static Journal.Api.Tests.Instances.PostgresInstances;

namespace Journal.Api.Tests.Instances;

/// Two service instances over HTTP on one PostgreSQL tape, each with its own data directory.
public sealed class TwoInstancesTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Query_on_one_instance_with_minPosition_of_a_write_on_the_other_answers_that_write()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("i" + Guid.NewGuid().ToString("N"));
        await using var a = Start(cs);
        await using var b = Start(cs);

        var (first, firstAt) = await CreateSessionAsync(a, "ada");
        var seenOnB = await ListSessionsAsync(b, firstAt);
        var (second, secondAt) = await CreateSessionAsync(b, "bob");
        var seenOnA = await ListSessionsAsync(a, secondAt);
        var headOfA = await HeadAsync(a);
        var headOfB = await HeadAsync(b);

        Assert.Contains(first, seenOnB);
        Assert.Equal([first, second], seenOnA.Order());
        Assert.True(secondAt > firstAt, $"{secondAt} after {firstAt}");
        Assert.Equal(secondAt, headOfA.GetProperty("seq").GetInt64());
        Assert.Equal(headOfA.GetRawText(), headOfB.GetRawText());
    }

    [Fact]
    public async Task Tape_page_on_either_instance_lists_the_same_events_written_through_both()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("i" + Guid.NewGuid().ToString("N"));
        await using var a = Start(cs);
        await using var b = Start(cs);
        for (var i = 0; i < 3; i++)
        {
            await CreateSessionAsync(a, "ada");
            await CreateSessionAsync(b, "bob");
        }

        using var readerA = a.Reader();
        using var readerB = b.Reader();
        using var pageA = await readerA.GetAsync("/v1/journal/events?limit=1000");
        using var pageB = await readerB.GetAsync("/v1/journal/events?limit=1000");
        var eventsA = (await Json.BodyAsync(pageA)).GetProperty("events");
        var eventsB = (await Json.BodyAsync(pageB)).GetProperty("events");

        Assert.Equal(eventsA.GetArrayLength(), eventsB.GetArrayLength());
        Assert.True(eventsA.GetArrayLength() >= 6, eventsA.GetRawText());
        Assert.Equal(
            eventsA.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()),
            Enumerable.Range(1, eventsA.GetArrayLength()).Select(i => (long)i));
        Assert.Equal(eventsA.GetRawText(), eventsB.GetRawText());
    }
}
