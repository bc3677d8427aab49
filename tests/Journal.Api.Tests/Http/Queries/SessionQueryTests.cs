using System.Net;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http.Queries;

public sealed class SessionQueryTests : ApiTestBase
{
    [Fact]
    public async Task List_filters_by_principal_channel_and_state_and_pages_with_cursors()
    {
        var created = new List<Written>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await Queries.CreateSessionAsync(principal: "grace", channel: i % 2 == 0 ? "cli" : "web"));
        }

        var archived = await Queries.PostAsync($"/v1/sessions/{created[0].Id}/archive", null);
        await Queries.CreateSessionAsync(principal: "other");

        var all = await Queries.PagesAsync($"/v1/sessions?principal=grace&limit=2&minPosition={archived.Position}");
        var cli = await Queries.GetAsync("/v1/sessions?principal=grace&channel=cli");
        var archivedOnly = await Queries.GetAsync("/v1/sessions?principal=grace&state=archived");

        Assert.Equal([2, 2, 1], all.Select(p => p.Count));
        Assert.Equal(created.Select(c => c.Id).Order(), all.SelectMany(p => p).Select(s => s.GetProperty("sessionId").GetGuid()).Order());
        Assert.Equal(3, cli.GetProperty("items").GetArrayLength());
        Assert.Equal(created[0].Id, Assert.Single(archivedOnly.GetProperty("items").EnumerateArray()).GetProperty("sessionId").GetGuid());
    }

    [Fact]
    public async Task Get_by_id_reads_the_model_with_its_stream_version_as_etag_and_sees_the_write_at_minPosition()
    {
        var session = await Queries.CreateSessionAsync(key: "desk", label: "first");
        var renamed = await Queries.PutAsync($"/v1/sessions/{session.Id}/label", new { label = "second" });
        var appended = await Queries.AppendAsync(session.Id, "hello");

        using var response = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}?minPosition={appended.Position}");
        var body = await Json.BodyAsync(response);

        Assert.Equal("\"2\"", Json.ETagOf(response));
        Assert.Equal(appended.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Journal-Position")));
        Assert.Equal("second", body.GetProperty("label").GetString());
        Assert.Equal("active", body.GetProperty("state").GetString());
        Assert.Equal(1, body.GetProperty("transcriptEntryCount").GetInt64());
        Assert.Equal(appended.Position, body.GetProperty("lastPosition").GetInt64());
        Assert.True(renamed.Position < appended.Position);
    }

    [Fact]
    public async Task By_key_and_by_label_find_the_session()
    {
        var session = await Queries.CreateSessionAsync(key: "ada:laptop", label: "refactor");
        var twin = await Queries.CreateSessionAsync(label: "refactor");

        using var byKey = await Queries.Reader.GetAsync($"/v1/sessions/by-key/ada:laptop?minPosition={twin.Position}");
        var byLabel = await Queries.GetAsync($"/v1/sessions/by-label/refactor?minPosition={twin.Position}");

        Assert.Equal(session.Id, (await Json.BodyAsync(byKey)).GetProperty("sessionId").GetGuid());
        Assert.Equal("\"1\"", Json.ETagOf(byKey));
        Assert.Equal([twin.Id, session.Id], byLabel.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("sessionId").GetGuid()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byLabel.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Time_travel_answers_the_session_as_of_a_version_or_a_position()
    {
        var session = await Queries.CreateSessionAsync(label: "one");
        var renamed = await Queries.PutAsync($"/v1/sessions/{session.Id}/label", new { label = "two" });

        var atOne = await Queries.GetAsync($"/v1/sessions/{session.Id}/at?version=1");
        var atPosition = await Queries.GetAsync($"/v1/sessions/{session.Id}/at?position={renamed.Position}");
        using var before = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}/at?version=0");
        using var negative = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}/at?position=-1");

        Assert.Equal("one", atOne.GetProperty("label").GetString());
        Assert.Equal("two", atPosition.GetProperty("label").GetString());
        await Problem.AssertAsync(before, HttpStatusCode.NotFound, "session.not_found");
        await Problem.AssertFieldAsync(negative, "validation.failed", "position");
    }

    [Fact]
    public async Task Deltas_list_the_changes_newest_first()
    {
        var session = await Queries.CreateSessionAsync(label: "one");
        var renamed = await Queries.PutAsync($"/v1/sessions/{session.Id}/label", new { label = "two" });

        var deltas = await Queries.GetAsync($"/v1/sessions/{session.Id}/deltas?limit=10&minPosition={renamed.Position}");
        var latest = await Queries.GetAsync($"/v1/sessions/{session.Id}/deltas?limit=1&minPosition={renamed.Position}");

        Assert.Equal(["updated", "created"], deltas.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("changeType").GetString()));
        Assert.Equal(renamed.Position, Assert.Single(latest.GetProperty("items").EnumerateArray()).GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task Bad_cursor_limit_state_and_id_are_400_naming_the_field_and_unknown_ids_404()
    {
        using var cursor = await Queries.Reader.GetAsync("/v1/sessions?cursor=not-a-cursor");
        using var limit = await Queries.Reader.GetAsync("/v1/sessions?limit=0");
        using var limitType = await Queries.Reader.GetAsync("/v1/sessions?limit=many");
        using var state = await Queries.Reader.GetAsync("/v1/sessions?state=sleeping");
        using var minPosition = await Queries.Reader.GetAsync("/v1/sessions?minPosition=-1");
        using var id = await Queries.Reader.GetAsync("/v1/sessions/not-a-guid/deltas");
        using var unknown = await Queries.Reader.GetAsync($"/v1/sessions/{Guid.NewGuid()}");
        using var unknownDeltas = await Queries.Reader.GetAsync($"/v1/sessions/{Guid.NewGuid()}/deltas");
        using var unknownLabel = await Queries.Reader.GetAsync("/v1/sessions/by-label/nobody");
        using var badKey = await Queries.Reader.GetAsync("/v1/sessions/by-key/not%20a%20key");

        await Problem.AssertFieldAsync(cursor, "validation.failed", "cursor");
        await Problem.AssertFieldAsync(limit, "validation.failed", "limit");
        await Problem.AssertFieldAsync(limitType, "request.invalid_parameter", "limit");
        await Problem.AssertFieldAsync(state, "validation.failed", "state");
        await Problem.AssertFieldAsync(minPosition, "validation.failed", "minPosition");
        await Problem.AssertFieldAsync(id, "request.invalid_parameter", "sessionId");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "session.not_found");
        await Problem.AssertAsync(unknownDeltas, HttpStatusCode.NotFound, "session.not_found");
        await Problem.AssertAsync(unknownLabel, HttpStatusCode.NotFound, "session.not_found");
        await Problem.AssertFieldAsync(badKey, "validation.failed", "sessionKey");
    }

    [Fact]
    public async Task A_cursor_of_another_listing_is_400()
    {
        for (var i = 0; i < 3; i++)
        {
            await Queries.CreateSessionAsync(principal: "paged");
        }

        var head = await Host.HeadAsync();
        var page = await Queries.GetAsync($"/v1/sessions?principal=paged&limit=1&minPosition={head}");
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);

        using var elsewhere = await Queries.Reader.GetAsync($"/v1/tool-jobs?cursor={cursor}");

        await Problem.AssertFieldAsync(elsewhere, "validation.failed", "cursor");
    }
}
