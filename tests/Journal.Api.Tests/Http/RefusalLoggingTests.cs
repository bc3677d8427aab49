using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Api.Tests.Http;

/// <summary>A refused command is a business outcome: logged at Information with its code, never as a warning.</summary>
public sealed class RefusalLoggingTests : ApiTestBase
{
    private readonly CapturedLogs _logs = new();

    protected override ApiHost StartHost() => ApiHost.Start(
        settings: new Dictionary<string, string> { ["Logging:LogLevel:Journal.EventStore.Pipeline"] = "Information" },
        configure: b => b.ConfigureLogging(logging => logging.AddProvider(_logs)));

    [Fact]
    public async Task Refused_commands_are_logged_at_information_with_their_code_and_nothing_is_logged_as_a_warning()
    {
        var sessionId = await Host.CreateSessionAsync();
        await Json.PostAsync(Writer, $"/v1/sessions/{sessionId}/archive", new { reason = "done" });

        using var missing = await Writer.PutAsJsonAsync($"/v1/sessions/{Guid.NewGuid()}/label", new { label = "x" });
        using var archived = await Writer.PutAsJsonAsync($"/v1/sessions/{sessionId}/label", new { label = "x" });

        await Problem.AssertAsync(missing, HttpStatusCode.NotFound, "session.not_found");
        await Problem.AssertAsync(archived, HttpStatusCode.UnprocessableEntity, "session.archived");
        foreach (var code in new[] { "session.not_found", "session.archived" })
        {
            Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"refused with {code}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("refused", StringComparison.Ordinal));
    }
}
