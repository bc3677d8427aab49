using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class OpenApiTests : ApiTestBase
{
    [Fact]
    public async Task Document_describes_every_endpoint_group_and_the_key_scheme()
    {
        using var client = Host.Client(key: null);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        foreach (var path in new[]
        {
            "/v1/sessions", "/v1/sessions/{sessionId}", "/v1/sessions/by-key/{key}", "/v1/sessions/{sessionId}/transcript",
            "/v1/runs", "/v1/runs/{runId}/tokens", "/v1/tool-jobs/{jobId}/retry", "/v1/approvals/{approvalId}/decision",
            "/v1/workspace/documents/{documentId}", "/v1/journal/events", "/v1/journal/stream", "/v1/journal/health",
            "/v1/admin/verify", "/v1/admin/projections/rebuild", "/health/ready",
        })
        {
            Assert.Contains(path, paths);
        }

        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        using var client = Host.Client(key: null);

        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
