using System.Net;
using System.Net.Http.Headers;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http.Queries;

public sealed class QueryAuthTests : ApiTestBase
{
    private static readonly string Id = Guid.NewGuid().ToString();

    public static TheoryData<string> Paths => new()
    {
        "/v1/sessions",
        $"/v1/sessions/{Id}",
        "/v1/sessions/by-key/k",
        "/v1/sessions/by-label/l",
        $"/v1/sessions/{Id}/at?version=1",
        $"/v1/sessions/{Id}/runs",
        $"/v1/sessions/{Id}/transcript",
        $"/v1/sessions/{Id}/deltas",
        $"/v1/runs/{Id}",
        $"/v1/runs/{Id}/at",
        "/v1/tool-jobs",
        $"/v1/tool-jobs/{Id}",
        $"/v1/tool-jobs/{Id}/at",
        "/v1/approvals",
        $"/v1/approvals/{Id}",
        $"/v1/approvals/{Id}/at",
        $"/v1/approvals/remembered?sessionId={Id}&subjectType=t&subjectId=s",
        "/v1/workspace/documents",
        $"/v1/workspace/documents/{Id}",
        $"/v1/workspace/documents/{Id}/at",
        $"/v1/workspace/documents/{Id}/versions",
        $"/v1/workspace/documents/{Id}/versions/1",
        "/v1/workspace/search?q=x",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_query_is_401_without_a_key_or_with_an_unknown_one_and_open_to_every_role(string path)
    {
        using var none = Host.Client(null);
        using var wrong = Host.Client("not-a-configured-key");
        using var reader = Host.Reader();
        using var admin = Host.Admin();

        using var anonymous = await none.GetAsync(path);
        using var unknown = await wrong.GetAsync(path);
        using var asReader = await reader.GetAsync(path);
        using var asAdmin = await admin.GetAsync(path);

        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await Problem.AssertAsync(unknown, HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Contains(asReader.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });
        Assert.Equal(asReader.StatusCode, asAdmin.StatusCode);
    }

    [Fact]
    public async Task The_reader_role_may_query_but_not_write_or_administer()
    {
        using var reader = Host.Reader();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiHost.ReaderKey);

        using var query = await reader.GetAsync("/v1/sessions");
        using var write = await reader.PostAsync("/v1/sessions", Json.Raw("""{"principal":"a","device":"d","channel":"c"}"""));
        using var admin = await reader.GetAsync("/v1/admin/projections");

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        await Problem.AssertAsync(write, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertAsync(admin, HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
