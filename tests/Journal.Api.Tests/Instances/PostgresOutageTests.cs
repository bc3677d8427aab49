using System.Net;
using Journal.Api.Tests.Http.Support;
using Journal.Testing.Postgres;
using static Journal.Api.Tests.Instances.PostgresInstances;

namespace Journal.Api.Tests.Instances;

/// Two service instances through a PostgreSQL outage: a server of its own, stopped and started by the tests.
public sealed class PostgresOutageTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Reads_during_an_outage_answer_from_the_read_models_while_those_that_read_the_tape_are_503()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("o" + Guid.NewGuid().ToString("N"));
        await using var a = Start(cs);
        var (session, at) = await CreateSessionAsync(a, "ada");
        await ListSessionsAsync(a, at);

        var answers = new Dictionary<string, HttpStatusCode>();
        HttpResponseMessage head, ready;
        await fixture.Server.StopAsync();
        try
        {
            using var reader = a.Reader();
            // A single aggregate's GET reads its ETag and position from the read model too (issue 22).
            foreach (var path in new[] { "/v1/sessions", $"/v1/sessions/{session}", $"/v1/sessions/{session}/runs", "/v1/cron/jobs", "/health/live" })
            {
                using var response = await reader.GetAsync(path);
                answers[path] = response.StatusCode;
            }

            head = await reader.GetAsync("/v1/journal/head");
            ready = await reader.GetAsync("/health/ready");
        }
        finally
        {
            await fixture.Server.StartAgainAsync();
        }

        using (head)
        using (ready)
        {
            Assert.All(answers, answer => Assert.True(answer.Value == HttpStatusCode.OK, $"{answer.Key}: {answer.Value}"));

            await Problem.AssertAsync(head, HttpStatusCode.ServiceUnavailable, "storage.unavailable");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
    }

    [Fact]
    public async Task Write_during_an_outage_is_503_storage_unavailable_with_Retry_After_and_writes_work_again_once_the_server_is_back()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("o" + Guid.NewGuid().ToString("N"));
        await using var a = Start(cs);
        await using var b = Start(cs);
        var (before, beforeAt) = await CreateSessionAsync(a, "ada");
        Assert.Contains(before, await ListSessionsAsync(a, beforeAt));

        HttpStatusCode listed;
        List<Guid> listedDuring;
        await fixture.Server.StopAsync();
        try
        {
            using var writer = a.Writer();
            using var refused = await writer.PostAsync("/v1/sessions", Json.Raw("{\"principal\":\"ada\",\"device\":\"laptop\",\"channel\":\"cli\"}"));
            await Problem.AssertAsync(refused, HttpStatusCode.ServiceUnavailable, "storage.unavailable");
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);

            using var reader = a.Reader();
            using var list = await reader.GetAsync($"/v1/sessions?minPosition={beforeAt}");
            listed = list.StatusCode;
            listedDuring = [.. (await Json.BodyAsync(list)).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("sessionId").GetGuid())];
        }
        finally
        {
            await fixture.Server.StartAgainAsync();
        }

        // Neither instance is restarted: B writes first, then A, and each read model catches up with the other's write.
        var (onB, onBAt) = await CreateSessionAsync(b, "bob");
        var seenOnA = await ListSessionsAsync(a, onBAt);
        var (onA, onAAt) = await CreateSessionAsync(a, "ada");
        var seenOnB = await ListSessionsAsync(b, onAAt);

        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal([before], listedDuring);
        Assert.Equal(new[] { before, onB }.Order(), seenOnA.Order());
        Assert.Equal(new[] { before, onB, onA }.Order(), seenOnB.Order());
        Assert.Equal((await HeadAsync(a)).GetRawText(), (await HeadAsync(b)).GetRawText());
    }
}
