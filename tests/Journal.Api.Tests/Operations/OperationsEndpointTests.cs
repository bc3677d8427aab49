using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Operations;

public sealed class OperationsEndpointTests : ApiTestBase
{
    private readonly ManualTime _clock = new(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override ApiHost StartHost() => ApiHost.Start(
        settings: new Dictionary<string, string>
        {
            ["Journal:Retention:Rules:0:StreamCategory"] = "session",
            ["Journal:Retention:Rules:0:Days"] = "10",
        },
        configure: b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(_clock)));

    [Fact]
    public async Task Backup_writes_an_owner_only_verifying_copy_into_the_backups_directory()
    {
        await Host.CreateSessionAsync();
        using var admin = Host.Admin();

        using var response = await admin.PostAsync("/v1/admin/backup", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var path = body.GetProperty("path").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Path.Combine(Host.Directory, "data", "backups"), Path.GetDirectoryName(path));
        Assert.Equal(await Host.HeadAsync(), body.GetProperty("headSeq").GetInt64());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var backup = EventStore.Inspection.TapeInspector.Open(path);
        Assert.True((await backup.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Backup_and_maintenance_need_the_admin_role()
    {
        using var writer = Host.Writer();

        using var backup = await writer.PostAsync("/v1/admin/backup", null);
        using var maintenance = await writer.PostAsync("/v1/admin/maintenance", null);

        Assert.Equal(HttpStatusCode.Forbidden, backup.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, maintenance.StatusCode);
    }

    [Fact]
    public async Task Maintenance_erases_old_session_payloads_except_under_legal_hold_and_health_reports_every_step()
    {
        var held = await Host.CreateSessionAsync();
        var free = await Host.CreateSessionAsync();
        using var admin = Host.Admin();
        using (var hold = await admin.PostAsJsonAsync("/v1/admin/legal-holds", new { stream = $"session-{held}", reason = "case 42" }))
        {
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        }

        using (var again = await admin.PostAsJsonAsync("/v1/admin/legal-holds", new { stream = $"session-{held}", reason = "case 43" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
            Assert.Equal("legal_hold.already_placed", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        _clock.Advance(TimeSpan.FromDays(11));

        using var response = await admin.PostAsync("/v1/admin/maintenance", null);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var health = await admin.GetFromJsonAsync<JsonElement>("/v1/journal/health?verify=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tape = report.GetProperty("retention").GetProperty("tape");
        Assert.Equal(1, tape.GetProperty("erased").GetInt64());
        Assert.Equal(new[] { $"session-{held}" }, tape.GetProperty("heldStreams").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, tape.GetProperty("skippedHeld").GetInt64());
        var erasedSeq = tape.GetProperty("erasedSeqs")[0].GetInt64();
        var erased = await admin.GetFromJsonAsync<JsonElement>($"/v1/journal/events?from={erasedSeq}&limit=1");
        Assert.Equal($"session-{free}", erased.GetProperty("events")[0].GetProperty("streamId").GetString());
        var steps = report.GetProperty("maintenance").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["tape.wal_checkpoint", "tape.incremental_vacuum", "tape.counts", "read_models.wal_checkpoint", "read_models.incremental_vacuum", "read_models.fts_integrity_check"], steps);
        Assert.All(report.GetProperty("maintenance").GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("ok").GetBoolean(), s.GetProperty("detail").GetString()));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("Intact", health.GetProperty("verification").GetProperty("report").GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("erasedPayloads").GetInt64());
        Assert.Equal(1, health.GetProperty("retention").GetProperty("tape").GetProperty("erased").GetInt64());
        Assert.Equal(6, health.GetProperty("maintenance").GetProperty("steps").GetArrayLength());
        Assert.Equal("file", health.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Legal_hold_is_released_once_and_then_refused()
    {
        using var admin = Host.Admin();
        using (await admin.PostAsJsonAsync("/v1/admin/legal-holds", new { stream = "session-x1", reason = "case 7" }))
        {
        }

        using var released = await admin.DeleteAsync("/v1/admin/legal-holds/session-x1");
        using var again = await admin.DeleteAsync("/v1/admin/legal-holds/session-x1");

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("legal_hold.not_placed", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
