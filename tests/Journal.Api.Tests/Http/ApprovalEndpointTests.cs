using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class ApprovalEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Request_get_and_decide_an_approval()
    {
        var approvalId = await RequestAsync();
        using var reader = Host.Reader();

        using var pending = await reader.GetAsync($"/v1/approvals/{approvalId}?minPosition={await Host.HeadAsync()}");
        var state = await Json.BodyAsync(pending);
        var decided = await Json.PostAsync(Writer, $"/v1/approvals/{approvalId}/decision", new { decision = "Allow", reason = "fine" });
        var after = await reader.GetFromJsonAsync<JsonElement>($"/v1/approvals/{approvalId}?minPosition={decided.GetProperty("position").GetInt64()}");

        Assert.Equal("Pending", state.GetProperty("status").GetString());
        Assert.Equal("\"1\"", Json.ETagOf(pending));
        Assert.Equal(2, decided.GetProperty("streamVersion").GetInt64());
        Assert.Equal("Allowed", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deciding_twice_is_422_and_expiring_before_the_deadline_is_422()
    {
        var approvalId = await RequestAsync();
        await Json.PostAsync(Writer, $"/v1/approvals/{approvalId}/decision", new { decision = "Deny" });
        var other = await RequestAsync();

        using var twice = await Writer.PostAsJsonAsync($"/v1/approvals/{approvalId}/decision", new { decision = "Allow" });
        using var early = await Writer.PostAsync($"/v1/approvals/{other}/expire", null);

        await Problem.AssertAsync(twice, HttpStatusCode.UnprocessableEntity, "approval.already_decided");
        await Problem.AssertAsync(early, HttpStatusCode.UnprocessableEntity, "approval.not_expired");
    }

    [Fact]
    public async Task Unknown_approval_is_404_and_a_past_deadline_is_400_naming_it()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var reader = Host.Reader();

        using var unknown = await reader.GetAsync($"/v1/approvals/{Guid.NewGuid()}");
        using var past = await Writer.PostAsJsonAsync("/v1/approvals", new
        {
            sessionId, subjectType = "tool.shell", subjectId = "rm", summary = "delete", scope = "Once", expiresAt = DateTimeOffset.UtcNow.AddHours(-1),
        });

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "approval.not_found");
        await Problem.AssertFieldAsync(past, "validation.failed", "expiresAt");
    }

    [Fact]
    public async Task Remember_for_session_answers_later_requests_of_the_subject_and_is_refused_beyond_once()
    {
        var sessionId = await Host.CreateSessionAsync();
        var once = await RequestAsync(sessionId);
        var sessionScoped = await RequestAsync(sessionId, "Session");
        var typo = await RequestAsync(sessionId);
        using var reader = Host.Reader();

        var decided = await Json.PostAsync(Writer, $"/v1/approvals/{once}/decision", new { decision = "Allow", rememberForSession = true });
        using var beyondOnce = await Writer.PostAsJsonAsync($"/v1/approvals/{sessionScoped}/decision", new { decision = "Allow", rememberForSession = true });
        using var notABool = await Writer.PostAsJsonAsync($"/v1/approvals/{typo}/decision", new { decision = "Allow", rememberForSession = "yes" });
        var remembered = await reader.GetFromJsonAsync<JsonElement>(
            $"/v1/approvals/remembered?sessionId={sessionId}&subjectType=tool.shell&subjectId=ls&minPosition={decided.GetProperty("position").GetInt64()}");
        var approval = await reader.GetFromJsonAsync<JsonElement>($"/v1/approvals/{once}");
        var stillPending = await reader.GetFromJsonAsync<JsonElement>($"/v1/approvals/{sessionScoped}");

        Assert.True(remembered.GetProperty("applies").GetBoolean());
        Assert.Equal((once.ToString(), "Session", "Allow"), (
            remembered.GetProperty("decision").GetProperty("approvalId").GetString(),
            remembered.GetProperty("decision").GetProperty("scope").GetString(),
            remembered.GetProperty("decision").GetProperty("decision").GetString()));
        Assert.Equal(("Once", true), (approval.GetProperty("scope").GetString(), approval.GetProperty("remembered").GetBoolean()));
        await Problem.AssertAsync(beyondOnce, HttpStatusCode.UnprocessableEntity, "approval.remember_not_once");
        await Problem.AssertFieldAsync(notABool, "request.wrong_type", "rememberForSession");
        Assert.Equal("Pending", stillPending.GetProperty("status").GetString());
    }

    private async Task<Guid> RequestAsync(Guid? session = null, string scope = "Once")
    {
        var sessionId = session ?? await Host.CreateSessionAsync();
        var requested = await Json.PostAsync(Writer, "/v1/approvals", new
        {
            sessionId, subjectType = "tool.shell", subjectId = "ls", summary = "list files", scope, expiresAt = DateTimeOffset.UtcNow.AddHours(1),
        }, HttpStatusCode.Created);
        return Guid.Parse(requested.GetProperty("stream").GetString()!["approval-".Length..]);
    }
}
