using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class HealthEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Ready_checks_database_schema_and_projection_lag()
    {
        using var client = Host.Client(key: null);

        using var response = await client.GetAsync("/health/ready");
        var body = await Json.BodyAsync(response);

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal(new[] { "database", "schema", "projections" }, body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
    }

    [Fact]
    public async Task Journal_health_reports_counts_sizes_verification_and_owner_only_files()
    {
        await Host.CreateSessionAsync("k");
        using var client = Host.Reader();

        var health = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health");
        var reverified = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health?verify=true");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("events").GetInt64());
        Assert.Equal(2, health.GetProperty("streams").GetInt64());
        Assert.Equal(2, health.GetProperty("head").GetProperty("seq").GetInt64());
        Assert.True(health.GetProperty("fileBytes").GetInt64() > 0);
        Assert.Equal(health.GetProperty("latestSchemaVersion").GetInt32(), health.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Intact", health.GetProperty("verification").GetProperty("report").GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("deadLetters").GetInt32());
        Assert.True(health.GetProperty("diskFreeBytes").GetInt64() > 0);
        Assert.Contains(health.GetProperty("files").EnumerateArray(), f => f.GetProperty("name").GetString() == "journal.db" && f.GetProperty("mode").GetString() == "600");
        Assert.All(health.GetProperty("files").EnumerateArray(), f => Assert.True(f.GetProperty("ownerOnly").GetBoolean()));
        Assert.True(reverified.GetProperty("verification").GetProperty("at").GetDateTimeOffset() >= health.GetProperty("verification").GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Journal_health_reports_the_events_by_type()
    {
        await Host.CreateSessionAsync("k");
        using var client = Host.Reader();

        var health = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health");

        var types = health.GetProperty("eventTypes").EnumerateArray().Select(t => (t.GetProperty("eventType").GetString()!, t.GetProperty("events").GetInt64())).ToList();
        Assert.NotEmpty(types);
        Assert.Equal(health.GetProperty("events").GetInt64(), types.Sum(t => t.Item2));
        Assert.Equal(types.Select(t => t.Item1).Order(StringComparer.Ordinal), types.Select(t => t.Item1));
        Assert.All(types, t => Assert.StartsWith("session", t.Item1, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Journal_health_reports_the_start_up_verification_and_the_events_appended_since_until_asked_to_verify()
    {
        await Host.CreateSessionAsync("k");
        using var client = Host.Reader();

        var health = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health");
        var reverified = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health?verify=true");
        var again = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health");

        // Start-up verified the empty tape; the two events of the session came after it.
        Assert.Equal(0, health.GetProperty("verification").GetProperty("report").GetProperty("to").GetInt64());
        Assert.Equal(2, health.GetProperty("eventsSinceVerification").GetInt64());
        Assert.Equal(2, reverified.GetProperty("verification").GetProperty("report").GetProperty("to").GetInt64());
        Assert.Equal(0, reverified.GetProperty("eventsSinceVerification").GetInt64());
        Assert.Equal(reverified.GetProperty("verification").GetProperty("at").GetDateTimeOffset(), again.GetProperty("verification").GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Journal_health_flags_a_file_others_may_read()
    {
        using var client = Host.Reader();
        var database = Path.Combine(Host.Directory, "data", "journal.db");
        File.SetUnixFileMode(database, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var health = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health");

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("files").EnumerateArray(), f => f.GetProperty("name").GetString() == "journal.db" && !f.GetProperty("ownerOnly").GetBoolean());
    }

    [Fact]
    public async Task Journal_health_needs_a_key()
    {
        using var client = Host.Client(key: null);

        using var response = await client.GetAsync("/v1/journal/health");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }
}
