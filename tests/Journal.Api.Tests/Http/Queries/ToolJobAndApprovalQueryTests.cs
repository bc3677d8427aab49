using System.Net;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http.Queries;

public sealed class ToolJobAndApprovalQueryTests : ApiTestBase
{
    [Fact]
    public async Task Tool_jobs_list_by_status_and_session_page_and_a_job_answers_its_output_tail()
    {
        var session = await Queries.CreateSessionAsync();
        var other = await Queries.CreateSessionAsync();
        var jobs = new List<Written>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await Queries.PostAsync("/v1/tool-jobs", new { sessionId = session.Id, toolName = "shell" }, HttpStatusCode.Created));
        }

        await Queries.PostAsync("/v1/tool-jobs", new { sessionId = other.Id, toolName = "shell" }, HttpStatusCode.Created);
        await Queries.PostAsync($"/v1/tool-jobs/{jobs[1].Id}/start", null);
        var output = await Queries.PostAsync($"/v1/tool-jobs/{jobs[1].Id}/output", new { stream = "Stdout", text = "built 3 projects" });

        var pages = await Queries.PagesAsync($"/v1/tool-jobs?sessionId={session.Id}&limit=2&minPosition={output.Position}");
        var running = await Queries.GetAsync("/v1/tool-jobs?status=running");
        using var response = await Queries.Reader.GetAsync($"/v1/tool-jobs/{jobs[1].Id}");
        var job = await Json.BodyAsync(response);

        Assert.Equal([2, 1], pages.Select(p => p.Count));
        Assert.Equal(jobs.Select(j => j.Id).Order(), pages.SelectMany(p => p).Select(j => j.GetProperty("jobId").GetGuid()).Order());
        Assert.Equal(jobs[1].Id, Assert.Single(running.GetProperty("items").EnumerateArray()).GetProperty("jobId").GetGuid());
        Assert.Equal("Running", job.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal("built 3 projects", Assert.Single(job.GetProperty("tail").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("\"3\"", Json.ETagOf(response));
    }

    [Fact]
    public async Task Tool_job_time_travel_and_refusals()
    {
        var session = await Queries.CreateSessionAsync();
        var job = await Queries.PostAsync("/v1/tool-jobs", new { sessionId = session.Id, toolName = "grep" }, HttpStatusCode.Created);
        await Queries.PostAsync($"/v1/tool-jobs/{job.Id}/start", null);

        var queued = await Queries.GetAsync($"/v1/tool-jobs/{job.Id}/at?position={job.Position}");
        using var status = await Queries.Reader.GetAsync("/v1/tool-jobs?status=sleeping");
        using var numeric = await Queries.Reader.GetAsync("/v1/tool-jobs?status=1");
        using var sessionId = await Queries.Reader.GetAsync("/v1/tool-jobs?sessionId=nope");
        using var cursor = await Queries.Reader.GetAsync("/v1/tool-jobs?cursor=WyJ4Il0");
        using var limit = await Queries.Reader.GetAsync("/v1/tool-jobs?limit=501");
        using var unknown = await Queries.Reader.GetAsync($"/v1/tool-jobs/{Guid.NewGuid()}");

        Assert.Equal("Queued", queued.GetProperty("job").GetProperty("status").GetString());
        await Problem.AssertFieldAsync(status, "validation.failed", "status");
        await Problem.AssertFieldAsync(numeric, "validation.failed", "status");
        await Problem.AssertFieldAsync(sessionId, "request.invalid_parameter", "sessionId");
        await Problem.AssertFieldAsync(cursor, "validation.failed", "cursor");
        await Problem.AssertFieldAsync(limit, "validation.failed", "limit");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "tooljob.not_found");
    }

    [Fact]
    public async Task Approvals_list_pending_first_filter_and_page_and_one_reads_with_its_etag()
    {
        var session = await Queries.CreateSessionAsync();
        var approvals = new List<Written>();
        for (var i = 0; i < 3; i++)
        {
            approvals.Add(await RequestAsync(session.Id, $"cmd-{i}", "Once"));
        }

        var decided = await Queries.PostAsync($"/v1/approvals/{approvals[0].Id}/decision", new { decision = "Deny" });

        var pages = await Queries.PagesAsync($"/v1/approvals?sessionId={session.Id}&limit=2&minPosition={decided.Position}");
        var denied = await Queries.GetAsync("/v1/approvals?status=denied");
        var subject = await Queries.GetAsync("/v1/approvals?subjectType=tool.shell&subjectId=cmd-2");
        using var response = await Queries.Reader.GetAsync($"/v1/approvals/{approvals[0].Id}");
        var approval = await Json.BodyAsync(response);
        var before = await Queries.GetAsync($"/v1/approvals/{approvals[0].Id}/at?version=1");

        var order = pages.SelectMany(p => p).Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Equal([2, 1], pages.Select(p => p.Count));
        Assert.Equal(["Pending", "Pending", "Denied"], order);
        Assert.Equal(approvals[0].Id, Assert.Single(denied.GetProperty("items").EnumerateArray()).GetProperty("approvalId").GetGuid());
        Assert.Equal(approvals[2].Id, Assert.Single(subject.GetProperty("items").EnumerateArray()).GetProperty("approvalId").GetGuid());
        Assert.Equal("Denied", approval.GetProperty("status").GetString());
        Assert.Equal("\"2\"", Json.ETagOf(response));
        Assert.Equal("Pending", before.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Remembered_decision_applies_after_a_session_wide_allow()
    {
        var session = await Queries.CreateSessionAsync();
        var approval = await RequestAsync(session.Id, "git push", "Session");
        var path = $"/v1/approvals/remembered?sessionId={session.Id}&subjectType=tool.shell&subjectId=git%20push";

        var before = await Queries.GetAsync($"{path}&minPosition={approval.Position}");
        var allowed = await Queries.PostAsync($"/v1/approvals/{approval.Id}/decision", new { decision = "Allow" });
        var after = await Queries.GetAsync($"{path}&minPosition={allowed.Position}");

        Assert.False(before.GetProperty("applies").GetBoolean());
        Assert.True(after.GetProperty("applies").GetBoolean());
        Assert.Equal("Allow", after.GetProperty("decision").GetProperty("decision").GetString());
        Assert.Equal(approval.Id, after.GetProperty("decision").GetProperty("approvalId").GetGuid());
    }

    [Fact]
    public async Task Approval_refusals_name_the_field()
    {
        using var subjectId = await Queries.Reader.GetAsync("/v1/approvals?subjectId=x");
        using var status = await Queries.Reader.GetAsync("/v1/approvals?status=maybe");
        using var remembered = await Queries.Reader.GetAsync($"/v1/approvals/remembered?sessionId={Guid.NewGuid()}&subjectType=tool.shell");
        using var at = await Queries.Reader.GetAsync($"/v1/approvals/remembered?sessionId={Guid.NewGuid()}&subjectType=t&subjectId=s&at=yesterday");
        using var unknown = await Queries.Reader.GetAsync($"/v1/approvals/{Guid.NewGuid()}/at");

        await Problem.AssertFieldAsync(subjectId, "validation.failed", "subjectId");
        await Problem.AssertFieldAsync(status, "validation.failed", "status");
        await Problem.AssertFieldAsync(remembered, "request.invalid_parameter", "subjectId");
        await Problem.AssertFieldAsync(at, "request.invalid_parameter", "at");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "approval.not_found");
    }

    private Task<Written> RequestAsync(Guid sessionId, string subjectId, string scope) =>
        Queries.PostAsync(
            "/v1/approvals",
            new { sessionId, subjectType = "tool.shell", subjectId, summary = "run it?", scope, expiresAt = DateTimeOffset.UtcNow.AddHours(1) },
            HttpStatusCode.Created);
}
