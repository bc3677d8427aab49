using System.Security.Claims;
using System.Threading.Channels;
using Bunit;
using Journal.ControlRoom.Hosting;
using Journal.ControlRoom.Operations;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Errors;
using Journal.Projections.Lag;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Components.Authorization;

namespace Journal.ControlRoom.Tests.Components;

public sealed class OperationsPageTests : ComponentTestBase
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public OperationsPageTests() =>
        Mediator.On<GetProjectionLagHistoryQuery, ProjectionLagHistory>(_ => new ProjectionLagHistory(15, At.AddHours(-1), At,
            [new LagSample(At, [new ProjectionLag("sessions.v1", "running", 4, 35), new ProjectionLag("memory.v1", "stopped", 304, 1500)])]));

    [Fact]
    public void Health_and_each_projection_with_its_lag_are_shown_to_a_reader_without_admin_actions()
    {
        var page = RenderAs("reader");

        Assert.Equal("degraded", page.Find("#health-status").TextContent);
        Assert.Contains("1,204 events, head at seq 1204", page.Markup, StringComparison.Ordinal);
        var rows = page.FindAll("table[aria-label='Projections'] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();
        Assert.Equal(["sessions.v1", "running", "1200", "4", "35", "0"], rows[0]);
        Assert.Equal(["memory.v1", "paused", "900", "304", "1,500", "1"], rows[1]);
        Assert.Empty(page.FindAll("button"));
        Assert.Empty(page.FindAll("table[aria-label='Dead letters']"));
        Assert.Contains("need an admin key", page.Markup, StringComparison.Ordinal);
        Assert.Equal("12:00:00 UTC: memory.v1 304 events behind (1,500 ms), stopped", page.Find("g.bar title").TextContent);
        Assert.Empty(page.FindAll("[role=alert]"));
    }

    [Fact]
    public void An_admin_sees_the_dead_letters_with_their_error()
    {
        var page = RenderAs("admin");

        var letter = page.Find("table[aria-label='Dead letters'] tbody tr").TextContent;
        Assert.Contains("memory.v1", letter, StringComparison.Ordinal);
        Assert.Contains("memory.item_added.v1", letter, StringComparison.Ordinal);
        Assert.Contains("embedding dimension 3 does not match 4", letter, StringComparison.Ordinal);
        Assert.Equal("tape/901", page.Find("a[href='tape/901']").GetAttribute("href"));
        Assert.Contains(page.FindAll("button"), b => b.TextContent == "Rebuild");
        Assert.Contains(page.FindAll("button"), b => b.TextContent == "Back up now");
    }

    [Fact]
    public void A_rebuild_shows_its_progress_as_it_moves_and_its_result_when_done()
    {
        var reads = Channel.CreateUnbounded<bool>();
        var finished = 0;
        var panel = Render<RebuildPanel>(p => p
            .Add(c => c.Names, ["sessions.v1", "memory.v1"])
            .Add(c => c.NextRead, ct => reads.Reader.ReadAsync(ct))
            .Add(c => c.OnFinished, () => finished++));

        panel.Find("#rebuild-projection").Change("memory.v1");
        Desk.Rebuild = Running(0, 1000);
        panel.FindAll("button").Single(b => b.TextContent == "Rebuild").Click();

        Assert.Equal(["memory.v1"], Desk.Started);
        Assert.Contains("Rebuilding memory.v1", panel.Find("#rebuild-state").TextContent, StringComparison.Ordinal);
        Assert.True(panel.FindAll("button").Single(b => b.TextContent == "Rebuild").HasAttribute("disabled"));

        Desk.Rebuild = Running(400, 1000);
        reads.Writer.TryWrite(true);
        panel.WaitForAssertion(() => Assert.Equal("400", panel.Find("progress").GetAttribute("value")));
        Assert.Contains("400 of 1,000 events (40%)", panel.Find("#rebuild-state").TextContent, StringComparison.Ordinal);

        Desk.Rebuild = new RebuildView("succeeded", "memory.v1", At, At.AddSeconds(3), null, new RebuildResult(["memory.v1"], 1000, TimeSpan.FromSeconds(2.5), 2), null);
        reads.Writer.TryWrite(true);
        panel.WaitForAssertion(() => Assert.Contains("Rebuilt memory.v1 from 1,000 events in 2.5 s", panel.Find("#rebuild-state").TextContent, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll("progress"));
        panel.WaitForAssertion(() => Assert.Equal(1, finished));
    }

    [Fact]
    public void A_refused_rebuild_shows_the_problem_words()
    {
        Desk.Refusal = new RuleViolationException("projection.rebuild_conflict", "a rebuild is running already; wait for it to finish");
        var panel = Render<RebuildPanel>(p => p.Add(c => c.Names, ["sessions.v1"]));

        panel.FindAll("button").Single(b => b.TextContent == "Rebuild").Click();

        var alert = panel.Find("[role=alert]").TextContent;
        Assert.Contains("a rebuild is running already", alert, StringComparison.Ordinal);
        Assert.Contains("projection.rebuild_conflict", alert, StringComparison.Ordinal);
        Assert.Equal([null], Desk.Started);
    }

    [Fact]
    public void Back_up_now_says_where_the_backup_was_written()
    {
        var panel = Render<BackupPanel>(p => p.Add(c => c.LastSnapshot, null));
        Assert.Contains("none since the service started", panel.Markup, StringComparison.Ordinal);

        panel.FindAll("button").Single(b => b.TextContent == "Back up now").Click();

        var done = panel.Find("[role=status]").TextContent;
        Assert.Contains("Backed up.", done, StringComparison.Ordinal);
        Assert.Contains("/data/backups/journal-20260131T120000000Z.db (4,096 bytes, up to seq 1204)", done, StringComparison.Ordinal);
    }

    private IRenderedComponent<OperationsPage> RenderAs(string role)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, role + "-app"), new Claim(ClaimTypes.Role, role)], "test"));
        return Render<OperationsPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
    }

    private static RebuildView Running(long events, long total) =>
        new("running", "memory.v1", At, null, new RebuildProgress(events, total, 2000, TimeSpan.FromSeconds((total - events) / 2000.0)), null, null);
}
