using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class TranscriptEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Entries_append_in_order_and_secrets_never_reach_the_tape()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();

        var first = await Json.PostAsync(client, $"/v1/sessions/{sessionId}/transcript", new { kind = "UserMessage", text = "hello" }, HttpStatusCode.Created);
        var second = await Json.PostAsync(client, $"/v1/sessions/{sessionId}/transcript", new { kind = "ToolCall", text = "run ls with token=abcdef1234567890abcdef", toolName = "shell" }, HttpStatusCode.Created);
        using var reader = Host.Reader();
        var page = await reader.GetStringAsync($"/v1/journal/events?from={second.GetProperty("position").GetInt64()}&limit=1");

        Assert.Equal(1, first.GetProperty("streamVersion").GetInt64());
        Assert.Equal(2, second.GetProperty("streamVersion").GetInt64());
        Assert.Equal($"transcript-{sessionId}", second.GetProperty("stream").GetString());
        Assert.DoesNotContain("abcdef1234567890abcdef", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_in_an_archived_session_is_422_and_a_tool_call_without_tool_name_is_400()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();
        using var toolCall = await client.PostAsJsonAsync($"/v1/sessions/{sessionId}/transcript", new { kind = "ToolCall", text = "ls" });
        await Json.PostAsync(client, $"/v1/sessions/{sessionId}/archive", null);

        using var late = await client.PostAsJsonAsync($"/v1/sessions/{sessionId}/transcript", new { kind = "UserMessage", text = "still there?" });

        await Problem.AssertFieldAsync(toolCall, "validation.failed", "toolName");
        await Problem.AssertAsync(late, HttpStatusCode.UnprocessableEntity, "session.archived");
    }
}
