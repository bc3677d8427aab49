using System.Net;
using System.Text;
using System.Text.Json;
using Journal.Projections.Transcript;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http.Queries;

public sealed class RunAndTranscriptQueryTests : ApiTestBase
{
    [Fact]
    public async Task Transcript_pages_oldest_first_from_afterSequence_and_by_cursor()
    {
        var session = await Queries.CreateSessionAsync();
        Written last = null!;
        for (var i = 1; i <= 5; i++)
        {
            last = await Queries.AppendAsync(session.Id, $"message {i}");
        }

        var pages = await Queries.PagesAsync($"/v1/sessions/{session.Id}/transcript?limit=2&minPosition={last.Position}");
        var after = await Queries.GetAsync($"/v1/sessions/{session.Id}/transcript?afterSequence=3");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal([1L, 2, 3, 4, 5], pages.SelectMany(p => p).Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal("message 1", pages[0][0].GetProperty("text").GetString());
        Assert.Equal([4L, 5], after.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Transcript_page_bytes_are_the_serializers_bytes_of_the_same_page_when_texts_are_hostile()
    {
        var session = await Queries.CreateSessionAsync();
        var run = await Queries.PostAsync("/v1/runs", new { sessionId = session.Id, kind = "Background" }, HttpStatusCode.Created);
        string[] texts = ["a\0b", "\"quoted\" \\ back/slash", "line\nbreak\ttab\u001f", "zürich ✓ 日本語 \U0001F600", "<script>&amp;'</script>", "\u2028\u2029 +", "plain"];
        Written last = null!;
        for (var i = 0; i < texts.Length; i++)
        {
            last = i % 2 == 0
                ? await Queries.AppendAsync(session.Id, texts[i])
                : await Queries.PostAsync($"/v1/sessions/{session.Id}/transcript", new { kind = "ToolCall", text = texts[i], runId = run.Id, toolName = "shell.v2:run@host" }, HttpStatusCode.Created);
        }

        var mediator = Host.Services.GetRequiredService<IMediator>();
        var options = Host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        foreach (var (limit, cursorFrom) in new (int Limit, int? CursorFrom)[] { (3, null), (3, 3), (50, null) })
        {
            var cursor = cursorFrom is null ? null : (await mediator.Send(new ListTranscriptQuery(session.Id, Limit: cursorFrom))).NextCursor;
            var expected = JsonSerializer.SerializeToUtf8Bytes(await mediator.Send(new ListTranscriptQuery(session.Id, Limit: limit, Cursor: cursor, MinPosition: last.Position)), options);
            using var response = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}/transcript?limit={limit}&minPosition={last.Position}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task Transcript_read_at_the_position_a_POST_returned_sees_that_entry()
    {
        var session = await Queries.CreateSessionAsync();

        var written = await Queries.AppendAsync(session.Id, "just now");
        var page = await Queries.GetAsync($"/v1/sessions/{session.Id}/transcript?minPosition={written.Position}");

        var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("just now", entry.GetProperty("text").GetString());
        Assert.Equal(written.Position, entry.GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task Transcript_refuses_a_bad_cursor_a_negative_sequence_and_another_sessions_cursor()
    {
        var one = await Queries.CreateSessionAsync();
        var two = await Queries.CreateSessionAsync();
        await Queries.AppendAsync(one.Id, "a");
        var last = await Queries.AppendAsync(one.Id, "b");
        var page = await Queries.GetAsync($"/v1/sessions/{one.Id}/transcript?limit=1&minPosition={last.Position}");
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);

        using var bad = await Queries.Reader.GetAsync($"/v1/sessions/{one.Id}/transcript?cursor=!!!");
        using var negative = await Queries.Reader.GetAsync($"/v1/sessions/{one.Id}/transcript?afterSequence=-1");
        using var foreign = await Queries.Reader.GetAsync($"/v1/sessions/{two.Id}/transcript?cursor={cursor}");

        await Problem.AssertFieldAsync(bad, "validation.failed", "cursor");
        await Problem.AssertFieldAsync(negative, "validation.failed", "afterSequence");
        await Problem.AssertFieldAsync(foreign, "validation.failed", "cursor");
    }

    [Fact]
    public async Task Runs_of_a_session_page_newest_first_and_a_run_reads_with_its_etag()
    {
        var session = await Queries.CreateSessionAsync();
        var runs = new List<Written>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await Queries.PostAsync("/v1/runs", new { sessionId = session.Id, kind = "Background" }, HttpStatusCode.Created));
        }

        var started = await Queries.PostAsync($"/v1/runs/{runs[0].Id}/start", null);

        var pages = await Queries.PagesAsync($"/v1/sessions/{session.Id}/runs?limit=2&minPosition={started.Position}");
        using var response = await Queries.Reader.GetAsync($"/v1/runs/{runs[0].Id}?minPosition={started.Position}");
        var run = await Json.BodyAsync(response);

        Assert.Equal([2, 1], pages.Select(p => p.Count));
        Assert.Equal(runs.Select(r => r.Id).Reverse(), pages.SelectMany(p => p).Select(r => r.GetProperty("runId").GetGuid()));
        Assert.Equal("InProgress", run.GetProperty("status").GetString());
        Assert.Equal(session.Id, run.GetProperty("sessionId").GetGuid());
        Assert.Equal("\"2\"", Json.ETagOf(response));
    }

    [Fact]
    public async Task Run_time_travel_unknown_run_and_bad_version()
    {
        var session = await Queries.CreateSessionAsync();
        var run = await Queries.PostAsync("/v1/runs", new { sessionId = session.Id, kind = "Foreground" }, HttpStatusCode.Created);
        await Queries.PostAsync($"/v1/runs/{run.Id}/start", null);

        var accepted = await Queries.GetAsync($"/v1/runs/{run.Id}/at?version=1");
        var now = await Queries.GetAsync($"/v1/runs/{run.Id}/at");
        using var unknown = await Queries.Reader.GetAsync($"/v1/runs/{Guid.NewGuid()}");
        using var version = await Queries.Reader.GetAsync($"/v1/runs/{run.Id}/at?version=-2");
        using var cursor = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}/runs?cursor=abc");

        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("InProgress", now.GetProperty("status").GetString());
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "run.not_found");
        await Problem.AssertFieldAsync(version, "validation.failed", "version");
        await Problem.AssertFieldAsync(cursor, "validation.failed", "cursor");
    }
}
