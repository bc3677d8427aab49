using System.Net;
using Journal.Api.Tests.Http.Support;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http.Queries;

/// <summary>
/// Every single-resource GET (a session by id and by key, a run, a tool job, an approval, a workspace
/// document, a canvas) answers from the read-model file alone: the tape's ports are wrapped in a trap
/// that notes each read made while a GET is served.
/// </summary>
public sealed class SingleResourceGetTests : ApiTestBase
{
    protected override ApiHost StartHost() => ApiHost.Start(configure: b => b.ConfigureTestServices(services =>
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new TapeReadTrap(sp.GetRequiredService<SqliteEventStore>(), sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<TapeReadTrap>());
        services.AddSingleton<IAggregateTape>(sp => sp.GetRequiredService<TapeReadTrap>());
    }));

    [Fact]
    public async Task Single_resource_gets_read_no_tape_and_answer_etag_and_position()
    {
        var session = await Queries.CreateSessionAsync(key: "trap-desk");
        var run = await Queries.PostAsync("/v1/runs", new { sessionId = session.Id, kind = "Background" }, HttpStatusCode.Created);
        var job = await Queries.PostAsync("/v1/tool-jobs", new { sessionId = session.Id, toolName = "shell" }, HttpStatusCode.Created);
        var approval = await Queries.PostAsync(
            "/v1/approvals",
            new { sessionId = session.Id, subjectType = "tool.shell", subjectId = "ls", summary = "list files", scope = "Once", expiresAt = DateTimeOffset.UtcNow.AddHours(1) },
            HttpStatusCode.Created);
        var document = await Queries.PostAsync("/v1/workspace/documents", new { path = "notes/a.md", content = "a" }, HttpStatusCode.Created);
        var canvas = await Queries.PostAsync("/v1/canvases", new { sessionId = session.Id, state = new { n = 1 } }, HttpStatusCode.Created);
        var head = await Host.HeadAsync();
        var trap = Host.Services.GetRequiredService<TapeReadTrap>();
        string[] paths =
        [
            $"/v1/sessions/{session.Id}", "/v1/sessions/by-key/trap-desk", $"/v1/runs/{run.Id}", $"/v1/tool-jobs/{job.Id}",
            $"/v1/approvals/{approval.Id}", $"/v1/workspace/documents/{document.Id}", $"/v1/canvases/{canvas.Id}",
        ];

        var readsBefore = trap.Reads.Count;
        var answers = new List<(string Path, HttpStatusCode Status, string? ETag, bool HasPosition)>();
        foreach (var path in paths)
        {
            using var response = await Queries.Reader.GetAsync($"{path}?minPosition={head}");
            answers.Add((path, response.StatusCode, response.Headers.ETag?.Tag, response.Headers.Contains("X-Journal-Position")));
        }

        var readsByGets = trap.Reads.Skip(readsBefore).ToList();
        await Queries.GetAsync($"/v1/sessions/{session.Id}/at?version=1");

        Assert.All(answers, a => Assert.Equal((a.Path, HttpStatusCode.OK, "\"1\"", true), a));
        Assert.Empty(readsByGets);
        Assert.Contains(trap.Reads, r => r.StartsWith($"GET /v1/sessions/{session.Id}/at:", StringComparison.Ordinal));
    }
}
