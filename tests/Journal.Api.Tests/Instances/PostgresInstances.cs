using System.Net;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Instances;

/// <summary>Service instances on one PostgreSQL tape, each in-process on its own data directory (its read models).</summary>
internal static class PostgresInstances
{
    public static ApiHost Start(string connectionString) => ApiHost.Start(settings: new Dictionary<string, string>
    {
        ["Journal:Tape:Provider"] = "postgres",
        ["Journal:Tape:ConnectionString"] = connectionString,
    });

    /// <summary>Creates a session through <paramref name="host"/>; answers its id and the position written.</summary>
    public static async Task<(Guid Session, long Position)> CreateSessionAsync(ApiHost host, string principal)
    {
        using var client = host.Writer();
        var body = await Json.PostAsync(client, "/v1/sessions", new { principal, device = "laptop", channel = "cli" }, HttpStatusCode.Created);
        return (Guid.Parse(body.GetProperty("stream").GetString()!["session-".Length..]), body.GetProperty("position").GetInt64());
    }

    /// <summary>The ids of the sessions <paramref name="host"/>'s read model lists once it has reached <paramref name="minPosition"/>.</summary>
    public static async Task<List<Guid>> ListSessionsAsync(ApiHost host, long minPosition)
    {
        using var client = host.Reader();
        using var response = await client.GetAsync($"/v1/sessions?minPosition={minPosition}");
        var page = await Json.BodyAsync(response);
        return [.. page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("sessionId").GetGuid())];
    }

    /// <summary>The tape's head and event count as <paramref name="host"/> reads them.</summary>
    public static async Task<JsonElement> HeadAsync(ApiHost host)
    {
        using var client = host.Reader();
        using var response = await client.GetAsync("/v1/journal/head");
        return await Json.BodyAsync(response);
    }
}
