using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class SessionEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Create_answers_201_with_location_etag_and_the_position_written()
    {
        using var client = Host.Writer();

        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "laptop", channel = "cli", sessionKey = "main", label = "first" });
        var body = await Json.BodyAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, body.GetProperty("eventsWritten").GetInt32());
        Assert.Equal(2, body.GetProperty("position").GetInt64());
        Assert.Equal(1, body.GetProperty("streamVersion").GetInt64());
        Assert.False(body.GetProperty("replayed").GetBoolean());
        Assert.Equal("\"1\"", Json.ETagOf(response));
        Assert.StartsWith("/v1/sessions/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-Correlation-Id"));
    }

    [Fact]
    public async Task Get_by_id_and_by_key_answer_the_state_with_its_etag()
    {
        var sessionId = await Host.CreateSessionAsync("desk");
        var head = await Host.HeadAsync();
        using var client = Host.Reader();

        using var byId = await client.GetAsync($"/v1/sessions/{sessionId}?minPosition={head}");
        using var byKey = await client.GetAsync($"/v1/sessions/by-key/desk?minPosition={head}");
        var session = await Json.BodyAsync(byId);
        var resolved = await Json.BodyAsync(byKey);

        Assert.Equal(sessionId, session.GetProperty("sessionId").GetGuid());
        Assert.Equal("desk", session.GetProperty("sessionKey").GetString());
        Assert.Equal("\"1\"", Json.ETagOf(byId));
        Assert.Equal(sessionId, resolved.GetProperty("sessionId").GetGuid());
        Assert.Equal("\"1\"", Json.ETagOf(byKey));
        Assert.Equal(session.GetProperty("lastPosition").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(byId.Headers.GetValues("X-Journal-Position")));
    }

    [Fact]
    public async Task Get_by_unknown_key_is_404()
    {
        using var client = Host.Reader();

        using var response = await client.GetAsync("/v1/sessions/by-key/nobody");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "session.not_found");
    }

    [Fact]
    public async Task Rename_with_a_matching_If_Match_succeeds_and_moves_the_etag()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/sessions/{sessionId}/label") { Content = JsonContent.Create(new { label = "renamed" }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        using var response = await client.SendAsync(request);
        var body = await Json.BodyAsync(response);
        using var reader = Host.Reader();
        var session = await reader.GetFromJsonAsync<JsonElement>($"/v1/sessions/{sessionId}?minPosition={body.GetProperty("position").GetInt64()}");

        Assert.Equal(2, body.GetProperty("streamVersion").GetInt64());
        Assert.Equal("\"2\"", Json.ETagOf(response));
        Assert.Equal("renamed", session.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Rename_with_a_stale_If_Match_is_409_with_expected_and_actual_and_writes_nothing()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();
        using var first = await client.PutAsJsonAsync($"/v1/sessions/{sessionId}/label", new { label = "one" });
        var before = await Host.HeadAsync();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/sessions/{sessionId}/label") { Content = JsonContent.Create(new { label = "two" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await client.SendAsync(request);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "stream.wrong_expected_version");
        Assert.Equal(1, problem.GetProperty("expected").GetInt64());
        Assert.Equal(2, problem.GetProperty("actual").GetInt64());
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Malformed_If_Match_is_400_naming_the_header()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/sessions/{sessionId}/label") { Content = JsonContent.Create(new { label = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "version-one");
        using var response = await client.SendAsync(request);

        await Problem.AssertFieldAsync(response, "validation.failed", "If-Match");
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_response_and_writes_once()
    {
        using var client = Host.Writer();
        void Keyed(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "create-ada-1");
        var body = new { principal = "ada", device = "d", channel = "c", sessionKey = "keyed" };

        var first = await Json.PostAsync(client, "/v1/sessions", body, HttpStatusCode.Created, Keyed);
        var head = await Host.HeadAsync();
        var retry = await Json.PostAsync(client, "/v1/sessions", body, HttpStatusCode.Created, Keyed);

        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.True(retry.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("position").GetInt64(), retry.GetProperty("position").GetInt64());
        Assert.Equal(first.GetProperty("stream").GetString(), retry.GetProperty("stream").GetString());
        Assert.Equal(head, await Host.HeadAsync());
    }

    [Fact]
    public async Task Retried_keyed_update_replays_even_though_its_If_Match_is_now_stale()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();

        async Task<HttpResponseMessage> RenameAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/sessions/{sessionId}/label") { Content = JsonContent.Create(new { label = "once" }) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            request.Headers.Add("Idempotency-Key", "rename-once");
            return await client.SendAsync(request);
        }

        using var first = await RenameAsync();
        using var retry = await RenameAsync();
        var replay = await Json.BodyAsync(retry);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal("\"2\"", Json.ETagOf(retry));
    }

    [Fact]
    public async Task Idempotency_key_reused_for_another_command_is_409()
    {
        using var client = Host.Writer();
        void Keyed(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "shared-key");
        await Json.PostAsync(client, "/v1/sessions", new { principal = "ada", device = "d", channel = "c" }, HttpStatusCode.Created, Keyed);

        var problem = await Json.PostAsync(client, "/v1/sessions", new { principal = "bob", device = "d", channel = "c" }, HttpStatusCode.Conflict, Keyed);

        Assert.Equal("idempotency.key_conflict", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Archive_then_rename_is_422_session_archived_and_writes_nothing()
    {
        var sessionId = await Host.CreateSessionAsync("to-archive");
        using var client = Host.Writer();

        var archived = await Json.PostAsync(client, $"/v1/sessions/{sessionId}/archive", new { reason = "done" });
        var before = await Host.HeadAsync();
        using var rename = await client.PutAsJsonAsync($"/v1/sessions/{sessionId}/label", new { label = "late" });

        Assert.True(archived.GetProperty("eventsWritten").GetInt32() >= 2);
        await Problem.AssertAsync(rename, HttpStatusCode.UnprocessableEntity, "session.archived");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Archive_accepts_no_body_and_unknown_session_is_404()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();

        using var archived = await client.PostAsync($"/v1/sessions/{sessionId}/archive", null);
        using var unknown = await client.PutAsJsonAsync($"/v1/sessions/{Guid.NewGuid()}/label", new { label = "x" });

        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "session.not_found");
    }

    [Fact]
    public async Task Second_session_with_a_taken_key_is_refused_and_writes_nothing()
    {
        await Host.CreateSessionAsync("unique");
        using var client = Host.Writer();
        var before = await Host.HeadAsync();

        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "bob", device = "d", channel = "c", sessionKey = "unique" });

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "sessionkey.taken");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Correlation_id_header_travels_into_the_events_metadata()
    {
        using var client = Host.Writer();

        var written = await Json.PostAsync(client, "/v1/sessions", new { principal = "ada", device = "d", channel = "c" }, HttpStatusCode.Created, r => r.Headers.Add("X-Correlation-Id", "trace-42"));
        using var reader = Host.Reader();
        var page = await reader.GetFromJsonAsync<JsonElement>($"/v1/journal/events?from={written.GetProperty("position").GetInt64()}&limit=1");

        Assert.Equal("trace-42", page.GetProperty("events")[0].GetProperty("metadata").GetProperty("correlationId").GetString());
    }
}
