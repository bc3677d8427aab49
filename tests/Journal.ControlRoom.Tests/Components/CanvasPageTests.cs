using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Canvas;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Canvas.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Projections.Canvas;
using Journal.Projections.Querying;
using Microsoft.AspNetCore.Components.Authorization;

namespace Journal.ControlRoom.Tests.Components;

public sealed class CanvasPageTests : ComponentTestBase
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CanvasId = Guid.CreateVersion7();
    private static readonly Viewer Reader = new("reader-app", CanDecide: false, IsAdmin: false);
    private static readonly Viewer Writer = new("writer-app", CanDecide: true, IsAdmin: false);

    /// <summary>Versions: a title, then a step added, then the title changed; the fourth (once version 1 is restored) is the first again.</summary>
    private static readonly string[] States =
    [
        """{"title":"Plan"}""",
        """{"title":"Plan","steps":["draft"]}""",
        """{"title":"Weekly plan","steps":["draft"]}""",
        """{"title":"Plan"}""",
    ];

    public CanvasPageTests()
    {
        Mediator.On<GetCanvasAtVersionQuery, CanvasAtVersion>(q => q.Version is >= 1 and <= 4
            ? new CanvasAtVersion(CanvasId, q.Version, $"hash-{q.Version}", 1, (int)q.Version - 1, JsonNode.Parse(States[q.Version - 1])!.AsObject())
            : throw new NotFoundException("canvas_version", $"{CanvasId}@{q.Version}"));
    }

    [Fact]
    public void The_page_shows_the_latest_state_and_the_versions_from_the_queries()
    {
        Mediator.On<GetCanvasQuery, CanvasView>(_ => new CanvasView(Row(3), JsonNode.Parse(States[2])!.AsObject()));
        Mediator.On<ListCanvasVersionsQuery, Page<CanvasVersionRow>>(_ => new Page<CanvasVersionRow>(
            [new CanvasVersionRow(CanvasId, 3, "patched", null, "h3", "agent-7", "ada", At, 44), new CanvasVersionRow(CanvasId, 1, "created", null, "h1", "agent-7", "ada", At, 40)], null));

        var page = Render<CanvasPage>(p => p.Add(c => c.CanvasId, CanvasId));

        Assert.Equal(CanvasId, Assert.Single(Mediator.SentOf<GetCanvasQuery>()).CanvasId);
        Assert.Equal(3, Assert.Single(Mediator.SentOf<GetCanvasAtVersionQuery>()).Version);
        Assert.Equal("3", page.Find("#version-slider").GetAttribute("max"));
        Assert.Equal("3", page.Find("#version-slider").GetAttribute("value"));
        Assert.Contains("Weekly plan", page.Find("pre[aria-label='State at version 3']").TextContent, StringComparison.Ordinal);
        Assert.Contains("agent-7", page.Find("table[aria-label='Canvas versions']").TextContent, StringComparison.Ordinal);
        Assert.Equal("tape/44", page.Find("a[href='tape/44']").GetAttribute("href"));
    }

    [Fact]
    public void Sliding_back_shows_the_old_state_and_the_version_it_is()
    {
        var travel = Travel(Reader);

        travel.Find("#version-slider").Change("1");

        Assert.Equal(1, Mediator.SentOf<GetCanvasAtVersionQuery>().Last().Version);
        Assert.Equal("Version 1 of 3", travel.Find("output#version-shown").TextContent);
        var state = travel.Find("pre[aria-label='State at version 1']").TextContent;
        Assert.Contains("\"Plan\"", state, StringComparison.Ordinal);
        Assert.DoesNotContain("steps", state, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_sees_old_states_but_no_restore()
    {
        var travel = Travel(Reader);

        travel.Find("#version-slider").Change("2");

        Assert.Empty(travel.FindAll("button"));
        Assert.Contains("needs a writer key", travel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_restores_the_version_shown_and_the_page_is_told_the_position()
    {
        Mediator.On<RestoreCanvasRequest, CommandResult>(_ => new CommandResult($"canvas-{CanvasId}", 4, 57, 1));
        long? told = null;
        var travel = Render<TimeTravel>(p => p.Add(c => c.CanvasId, CanvasId).Add(c => c.Latest, 3L).Add(c => c.Viewer, Writer).Add(c => c.OnRestored, position => told = position));
        Assert.Empty(travel.FindAll("button"));

        travel.Find("#version-slider").Change("1");
        travel.FindAll("button").Single(b => b.TextContent == "Restore version 1").Click();

        var sent = Assert.Single(Mediator.SentOf<RestoreCanvasRequest>());
        Assert.Equal((CanvasId, 1L, "writer-app"), (sent.CanvasId, sent.Version, sent.Context.Actor));
        Assert.Contains("Restored version 1.", travel.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("now version 4", travel.Markup, StringComparison.Ordinal);
        Assert.Equal(57, told);
    }

    [Fact]
    public void Restoring_on_the_page_reads_the_new_latest_version_at_the_position_written_and_keeps_the_outcome()
    {
        Mediator.On<GetCanvasQuery, CanvasView>(q => q.MinPosition == 57 ? new CanvasView(Row(4), JsonNode.Parse(States[3])!.AsObject()) : new CanvasView(Row(3), JsonNode.Parse(States[2])!.AsObject()));
        Mediator.On<ListCanvasVersionsQuery, Page<CanvasVersionRow>>(_ => new Page<CanvasVersionRow>([], null));
        Mediator.On<RestoreCanvasRequest, CommandResult>(_ => new CommandResult($"canvas-{CanvasId}", 4, 57, 1));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "writer-app"), new Claim(ClaimTypes.Role, "writer")], "test"));
        var page = Render<CanvasPage>(p => p.Add(c => c.CanvasId, CanvasId).AddCascadingValue(Task.FromResult(new AuthenticationState(user))));

        page.Find("#version-slider").Change("1");
        page.FindAll("button").Single(b => b.TextContent == "Restore version 1").Click();

        Assert.Equal([null, 57L], Mediator.SentOf<GetCanvasQuery>().Select(q => q.MinPosition));
        Assert.Equal(57L, Mediator.SentOf<ListCanvasVersionsQuery>().Last().MinPosition);
        Assert.Equal(("4", "4"), (page.Find("#version-slider").GetAttribute("max"), page.Find("#version-slider").GetAttribute("value")));
        Assert.Contains("Restored version 1.", page.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("This is the latest version.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_restore_shows_the_problem_words()
    {
        Mediator.On<RestoreCanvasRequest, CommandResult>(_ => throw new NotFoundException("canvas_version", $"{CanvasId}@1"));
        var travel = Travel(Writer);

        travel.Find("#version-slider").Change("1");
        travel.FindAll("button").Single(b => b.TextContent == "Restore version 1").Click();

        var alert = travel.Find("[role=alert]");
        Assert.Contains("canvas_version", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("not_found", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparing_two_versions_lists_each_changed_path_with_before_and_after()
    {
        var diff = Render<CanvasDiffPanel>(p => p.Add(c => c.CanvasId, CanvasId).Add(c => c.Latest, 3L));

        diff.Find("#diff-from").Change("1");
        diff.Find("#diff-to").Change("3");
        diff.FindAll("button").Single(b => b.TextContent == "Compare").Click();

        var rows = diff.FindAll("table[aria-label='Changes from version 1 to version 3'] tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent)))
            .ToList();
        Assert.Equal(["/title | \"Plan\" | \"Weekly plan\"", "/steps | (absent) | [\"draft\"]"], rows);
    }

    [Fact]
    public void Comparing_with_a_version_that_does_not_exist_shows_the_refusal()
    {
        var diff = Render<CanvasDiffPanel>(p => p.Add(c => c.CanvasId, CanvasId).Add(c => c.Latest, 3L));

        diff.Find("#diff-to").Change("9");
        diff.FindAll("button").Single(b => b.TextContent == "Compare").Click();

        Assert.Contains("canvas_version", diff.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(diff.FindAll("table"));
    }

    [Fact]
    public void The_canvases_page_lists_the_canvases_and_pages_with_the_list_query_cursor()
    {
        var later = Row(2) with { CanvasId = Guid.CreateVersion7() };
        Mediator.On<ListCanvasesQuery, Page<CanvasRow>>(q => q.Cursor is null ? new Page<CanvasRow>([later], "cursor-2") : new Page<CanvasRow>([Row(3)], null));
        var page = Render<CanvasesPage>();

        Assert.Equal($"canvas/{later.CanvasId}", page.Find("table[aria-label='Canvases'] a").GetAttribute("href"));
        page.FindAll("button").Single(b => b.TextContent == "Next page").Click();

        Assert.Equal([null, "cursor-2"], Mediator.SentOf<ListCanvasesQuery>().Select(q => q.Cursor));
        Assert.Equal($"canvas/{CanvasId}", page.Find("table[aria-label='Canvases'] a").GetAttribute("href"));
    }

    [Fact]
    public void Opening_a_canvas_that_is_not_an_id_says_so()
    {
        Mediator.On<ListCanvasesQuery, Page<CanvasRow>>(_ => new Page<CanvasRow>([], null));
        var page = Render<CanvasesPage>();

        page.Find("#canvas-id").Change("not-a-guid");
        page.Find("form").Submit();

        Assert.Contains("That is not a canvas id.", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<TimeTravel> Travel(Viewer viewer) =>
        Render<TimeTravel>(p => p.Add(c => c.CanvasId, CanvasId).Add(c => c.Latest, 3L).Add(c => c.Viewer, viewer));

    private static CanvasRow Row(long version) => new(CanvasId, Guid.CreateVersion7(), version, $"hash-{version}", At, At, 1, 0, 40 + version);
}
