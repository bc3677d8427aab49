using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Projections.Cron;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application.Cron;

namespace Journal.Api.Tests.Http;

/// <summary>
/// One answer for a stale version on every endpoint that takes <c>If-Match</c>: 409
/// <c>stream.wrong_expected_version</c> with the stream, and <c>expected</c> and <c>actual</c> as numbers.
/// A tag that is not one strong quoted version is a 400 naming the header, never a conflict.
/// </summary>
public sealed class StaleVersionTests : ApiTestBase
{
    public static TheoryData<string> Kinds => new()
    {
        "session label", "session archive", "transcript", "approval", "cron job", "workspace document", "memory item", "canvas patch", "canvas restore", "run", "tool job",
    };

    // The cron scheduler stays off: a tick of its own would move the job's version under the test.
    protected override ApiHost StartHost() => ApiHost.Start(configure: b => b.ConfigureTestServices(services => services.AddSingleton(new CronSchedulerOptions { Enabled = false })));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Guarded_endpoint_answers_a_stale_If_Match_with_409_expected_and_actual_as_numbers_and_writes_nothing(string kind)
    {
        var scenario = await ArrangeAsync(kind);
        var before = await Host.HeadAsync();

        using var request = scenario.Guarded();
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await Writer.SendAsync(request);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "stream.wrong_expected_version");
        Assert.Equal(scenario.Stream, problem.GetProperty("stream").GetString());
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("expected").ValueKind);
        Assert.Equal(1, problem.GetProperty("expected").GetInt64());
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("actual").ValueKind);
        Assert.Equal(scenario.Version, problem.GetProperty("actual").GetInt64());
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task If_Match_star_on_a_stream_not_written_yet_is_409_with_expected_null_and_actual_0()
    {
        var sessionId = await Host.CreateSessionAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/transcript") { Content = JsonContent.Create(new { kind = "UserMessage", text = "hello" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await Writer.SendAsync(request);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "stream.wrong_expected_version");
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("expected").ValueKind);
        Assert.Equal(0, problem.GetProperty("actual").GetInt64());
    }

    [Theory]
    [InlineData("session label", "W/\"2\"")]
    [InlineData("session label", "\"abc\"")]
    [InlineData("session label", "2")]
    [InlineData("session label", "\"1\", \"2\"")]
    [InlineData("canvas patch", "W/\"2\"")]
    [InlineData("canvas patch", "\"abc\"")]
    [InlineData("canvas patch", "2")]
    public async Task If_Match_that_is_not_one_strong_quoted_version_is_400_naming_the_header_and_writes_nothing(string kind, string ifMatch)
    {
        var scenario = await ArrangeAsync(kind);
        var before = await Host.HeadAsync();

        using var request = scenario.Guarded();
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await Writer.SendAsync(request);

        await Problem.AssertFieldAsync(response, "validation.failed", "If-Match");
        Assert.Equal(before, await Host.HeadAsync());
    }

    /// <summary>An aggregate of <paramref name="kind"/> moved to version 2 or more, and a request that would change it again.</summary>
    private async Task<Scenario> ArrangeAsync(string kind)
    {
        switch (kind)
        {
            case "session label":
            case "session archive":
            {
                var sessionId = await Host.CreateSessionAsync();
                var renamed = await Json.BodyAsync(await Writer.PutAsJsonAsync($"/v1/sessions/{sessionId}/label", new { label = "one" }));
                return kind == "session label"
                    ? Scenario.From(renamed, () => Put($"/v1/sessions/{sessionId}/label", new { label = "two" }))
                    : Scenario.From(renamed, () => Post($"/v1/sessions/{sessionId}/archive", new { reason = "done" }));
            }

            case "transcript":
            {
                var sessionId = await Host.CreateSessionAsync();
                var entry = new { kind = "UserMessage", text = "hello" };
                await Json.PostAsync(Writer, $"/v1/sessions/{sessionId}/transcript", entry, HttpStatusCode.Created);
                var second = await Json.PostAsync(Writer, $"/v1/sessions/{sessionId}/transcript", entry, HttpStatusCode.Created);
                return Scenario.From(second, () => Post($"/v1/sessions/{sessionId}/transcript", entry));
            }

            case "approval":
            {
                var sessionId = await Host.CreateSessionAsync();
                var requested = await Json.PostAsync(Writer, "/v1/approvals", new { sessionId, subjectType = "tool.shell", subjectId = "ls", summary = "list files", scope = "Once", expiresAt = DateTimeOffset.UtcNow.AddHours(1) }, HttpStatusCode.Created);
                var approvalId = IdOf(requested);
                var decided = await Json.PostAsync(Writer, $"/v1/approvals/{approvalId}/decision", new { decision = "Allow" });
                return Scenario.From(decided, () => Post($"/v1/approvals/{approvalId}/decision", new { decision = "Deny" }));
            }

            case "cron job":
            {
                var created = await Json.PostAsync(Writer, "/v1/cron/jobs", new { name = "nightly", channel = "cli", payload = new { }, schedule = new { kind = "Interval", everySeconds = 3600 } }, HttpStatusCode.Created);
                var jobId = IdOf(created);
                var paused = await Json.PostAsync(Writer, $"/v1/cron/jobs/{jobId}/pause", new { });
                return Scenario.From(paused, () => Post($"/v1/cron/jobs/{jobId}/resume", new { }));
            }

            case "workspace document":
            {
                var created = await Json.PostAsync(Writer, "/v1/workspace/documents", new { path = "notes.md", content = "# one" }, HttpStatusCode.Created);
                var documentId = IdOf(created);
                var moved = await Json.PostAsync(Writer, $"/v1/workspace/documents/{documentId}/move", new { newPath = "done.md" });
                return Scenario.From(moved, () => Put($"/v1/workspace/documents/{documentId}", new { content = "# two" }));
            }

            case "memory item":
            {
                var added = await Json.PostAsync(Writer, "/v1/memory/items", new { principal = "ada", content = "likes tea" }, HttpStatusCode.Created);
                var itemId = IdOf(added);
                var tagged = await Json.BodyAsync(await Writer.PatchAsJsonAsync($"/v1/memory/items/{itemId}", new { tags = new[] { "drinks" } }));
                return Scenario.From(tagged, () => new HttpRequestMessage(HttpMethod.Patch, $"/v1/memory/items/{itemId}") { Content = JsonContent.Create(new { confidence = 0.5 }) });
            }

            case "canvas patch":
            case "canvas restore":
            {
                var created = await Json.PostAsync(Writer, "/v1/canvases", new { sessionId = Guid.NewGuid(), state = new { n = 1 } }, HttpStatusCode.Created);
                var canvasId = IdOf(created);
                using var first = CanvasPatch(canvasId);
                first.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                var patched = await Json.BodyAsync(await Writer.SendAsync(first));
                return kind == "canvas patch"
                    ? Scenario.From(patched, () => CanvasPatch(canvasId))
                    : Scenario.From(patched, () => Post($"/v1/canvases/{canvasId}/restore", new { version = 1 }));
            }

            case "run":
            {
                var sessionId = await Host.CreateSessionAsync();
                var accepted = await Json.PostAsync(Writer, "/v1/runs", new { sessionId, kind = "Foreground" }, HttpStatusCode.Created);
                var runId = IdOf(accepted);
                var started = await Json.PostAsync(Writer, $"/v1/runs/{runId}/start", null);
                return Scenario.From(started, () => Post($"/v1/runs/{runId}/complete", new { summary = "done" }));
            }

            case "tool job":
            {
                var sessionId = await Host.CreateSessionAsync();
                var queued = await Json.PostAsync(Writer, "/v1/tool-jobs", new { sessionId, toolName = "shell" }, HttpStatusCode.Created);
                var jobId = IdOf(queued);
                var started = await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/start", null);
                return Scenario.From(started, () => Post($"/v1/tool-jobs/{jobId}/complete", new { exitCode = 0 }));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such kind");
        }
    }

    private static Guid IdOf(JsonElement response) => Guid.Parse(response.GetProperty("stream").GetString()!.Split('-', 2)[1]);

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage CanvasPatch(Guid canvasId) => new(HttpMethod.Patch, $"/v1/canvases/{canvasId}")
    {
        Content = new StringContent("""[{"op":"replace","path":"/n","value":2}]""", Encoding.UTF8, "application/json-patch+json"),
    };

    /// <summary>The stream and its version after the arrangement, and the request to send against it.</summary>
    private sealed record Scenario(string Stream, long Version, Func<HttpRequestMessage> Guarded)
    {
        public static Scenario From(JsonElement lastWrite, Func<HttpRequestMessage> guarded) =>
            new(lastWrite.GetProperty("stream").GetString()!, lastWrite.GetProperty("streamVersion").GetInt64(), guarded);
    }
}
