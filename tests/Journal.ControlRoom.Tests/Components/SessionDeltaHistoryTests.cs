using Bunit;
using Journal.ControlRoom.Sessions;
using Journal.Domain.Errors;
using Journal.Projections.SessionDeltas;

namespace Journal.ControlRoom.Tests.Components;

public sealed class SessionDeltaHistoryTests : Support.ComponentTestBase
{
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private readonly List<SessionDelta> _deltas = [];

    public SessionDeltaHistoryTests() =>
        Mediator.On<ListSessionDeltasQuery, IReadOnlyList<SessionDelta>>(_ => _deltas.Count == 0 ? throw new NotFoundException("session", Session.ToString()) : _deltas.ToList());

    [Fact]
    public void Each_change_lists_the_changed_paths_with_before_and_after_and_a_creation_shows_what_it_set()
    {
        _deltas.Add(new SessionDelta(Session, 7, SessionChangeTypes.Updated, At.AddMinutes(1), """{"label":null,"entries":0,"state":"active"}""", """{"label":"ada's chat","entries":2,"state":"active"}"""));
        _deltas.Add(new SessionDelta(Session, 3, SessionChangeTypes.Created, At, null, """{"label":null,"entries":0,"state":"active"}"""));

        var history = Render<SessionDeltaHistory>(p => p.Add(c => c.SessionId, Session).Add(c => c.Live, false));

        var items = history.FindAll("ol.deltas > li");
        Assert.Equal(["7", "3"], items.Select(i => i.GetAttribute("data-position")));
        Assert.Equal(
            [["/label", "null", "\"ada's chat\""], ["/entries", "0", "2"]],
            Rows(items[0]));
        Assert.Equal(
            [["/label", "(absent)", "null"], ["/entries", "(absent)", "0"], ["/state", "(absent)", "\"active\""]],
            Rows(items[1]));
        Assert.Contains("updated", items[0].QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("tape/7", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal((Session, 50), (Assert.Single(Mediator.SentOf<ListSessionDeltasQuery>()).SessionId, Mediator.SentOf<ListSessionDeltasQuery>().Single().Limit));
    }

    [Fact]
    public void A_session_with_no_recorded_change_says_so_without_an_error()
    {
        var history = Render<SessionDeltaHistory>(p => p.Add(c => c.SessionId, Session).Add(c => c.Live, false));

        Assert.Contains("No changes recorded.", history.Markup, StringComparison.Ordinal);
        Assert.Empty(history.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_commit_brings_the_new_change_asking_for_that_position()
    {
        _deltas.Add(new SessionDelta(Session, 3, SessionChangeTypes.Created, At, null, """{"label":null}"""));
        var history = Render<SessionDeltaHistory>(p => p.Add(c => c.SessionId, Session));
        history.WaitForAssertion(() => Assert.True(Tape.HasFollowers));

        _deltas.Insert(0, new SessionDelta(Session, 9, SessionChangeTypes.Deleted, At.AddMinutes(5), """{"label":null}""", """{"label":"done"}"""));
        Tape.Commit(9);

        history.WaitForAssertion(() => Assert.Equal(2, history.FindAll("ol.deltas > li").Count));
        Assert.Equal([["/label", "null", "\"done\""]], Rows(history.FindAll("ol.deltas > li")[0]));
        Assert.Contains(Mediator.SentOf<ListSessionDeltasQuery>(), q => q.MinPosition == 9);
    }

    private static string[][] Rows(AngleSharp.Dom.IElement item) =>
        item.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(d => d.TextContent).ToArray()).ToArray();
}
