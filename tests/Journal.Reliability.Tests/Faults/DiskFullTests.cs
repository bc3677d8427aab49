using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.EventStore;
using Journal.Reliability.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Reliability.Tests.Faults;

/// <summary>
/// The disk fills up under the running service (SQLite's max_page_count capped on the writer's
/// connection: a genuine SQLITE_FULL from the pager, as a full disk gives): appends fail with 507
/// <c>storage.full</c> and write nothing, the service stays up and reads keep working, and once space
/// returns appends resume on an intact chain.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DiskFullTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("disk-full");
    private ServiceHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ServiceHost.Start(_directory.Combine("data"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Appends_fail_with_507_while_the_disk_is_full_reads_keep_working_and_appends_resume_after()
    {
        var session = await _host.CreateSessionAsync();
        using var writer = _host.Writer();
        using var reader = _host.Reader();
        var tape = _host.Services.GetRequiredService<SqliteEventStore>();
        var big = new string('x', 16 * 1024);

        await tape.CapGrowthAsync(capped: true, CancellationToken.None);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 64 && refused is null; i++)
        {
            var before = await _host.HeadAsync();
            var response = await writer.PostAsJsonAsync($"/v1/sessions/{session}/transcript", new { kind = "UserMessage", text = $"{i} {big}" });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                response.Dispose();
                continue;
            }

            refused = response;
            Assert.Equal(before, await _host.HeadAsync());
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("https://journal.dev/problems/storage.full", problem.GetProperty("type").GetString());
            Assert.Equal("storage.full", problem.GetProperty("code").GetString());
        }

        // Still full: every further append is refused the same way and the service keeps answering reads.
        var head = await _host.HeadAsync();
        using (var again = await writer.PostAsJsonAsync($"/v1/sessions/{session}/transcript", new { kind = "UserMessage", text = big }))
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, again.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/sessions/{session}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/sessions/{session}/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/journal/events?from=1")).StatusCode);
        Assert.Equal(head, await _host.HeadAsync());

        // Space returns: appends resume right after the last committed position, on an intact chain.
        await tape.CapGrowthAsync(capped: false, CancellationToken.None);
        using (var resumed = await writer.PostAsJsonAsync($"/v1/sessions/{session}/transcript", new { kind = "UserMessage", text = big }))
        {
            Assert.Equal(HttpStatusCode.Created, resumed.StatusCode);
            var body = await resumed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(head + 1, body.GetProperty("position").GetInt64());
        }

        using var admin = _host.Admin();
        var report = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/verify");
        Assert.Equal("Intact", report.GetProperty("status").GetString());
        Assert.Equal(head + 1, report.GetProperty("headSeq").GetInt64());
    }
}
