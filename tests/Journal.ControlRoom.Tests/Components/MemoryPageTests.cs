using Bunit;
using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Memory;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Projections.Memory;

namespace Journal.ControlRoom.Tests.Components;

public sealed class MemoryPageTests : ComponentTestBase
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly Viewer Reader = new("reader-app", CanDecide: false, IsAdmin: false);
    private static readonly Viewer Writer = new("writer-app", CanDecide: true, IsAdmin: false);

    [Fact]
    public void A_recall_sends_the_scope_and_shows_each_hit_with_its_text_and_vector_scores()
    {
        var session = Guid.NewGuid();
        Mediator.On<RecallMemoryQuery, IReadOnlyList<MemoryHit>>(_ =>
            [Hit("ada prefers tea", new MemoryScoreParts(0.8125, 0.6, 0.9, 1, TextMatch: true, VectorSearchable: true)), Hit("ada's cat is Tom", new MemoryScoreParts(0, 0.4375, 0.5, 1, TextMatch: false, VectorSearchable: true))]);
        var page = Render<MemoryPage>();

        page.Find("#recall-principal").Change(" ada ");
        page.Find("#recall-channel").Change("");
        page.Find("#recall-session").Change(session.ToString());
        page.Find("#recall-text").Change("what does ada drink");
        page.Find("#recall-limit").Change("5");
        page.Find("form").Submit();

        var query = Assert.Single(Mediator.SentOf<RecallMemoryQuery>());
        Assert.Equal(("what does ada drink", new MemoryScope("ada", null, session), 5), (query.Text, query.Scope, query.Limit));
        var rows = page.FindAll("table[aria-label='Recalled items'] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("ada prefers tea", rows[0][0], StringComparison.Ordinal);
        Assert.Equal(("0.813", "0.600"), (rows[0][2], rows[0][3]));
        Assert.Equal(("no match", "0.438"), (rows[1][2], rows[1][3]));
    }

    [Fact]
    public void A_refused_recall_shows_the_problem_words()
    {
        Mediator.On<RecallMemoryQuery, IReadOnlyList<MemoryHit>>(_ => throw new ValidationException("text", "must be 1 to 2000 characters"));
        var page = Render<MemoryPage>();

        page.Find("#recall-principal").Change("ada");
        page.Find("form").Submit();

        var alert = page.Find("[role=alert]").TextContent;
        Assert.Contains("must be 1 to 2000 characters", alert, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public void A_session_that_is_not_an_id_is_refused_before_any_query()
    {
        Mediator.On<RecallMemoryQuery, IReadOnlyList<MemoryHit>>(_ => []);
        var page = Render<MemoryPage>();

        page.Find("#recall-principal").Change("ada");
        page.Find("#recall-session").Change("yesterday");
        page.Find("form").Submit();

        Assert.Empty(Mediator.SentOf<RecallMemoryQuery>());
        Assert.Contains("scope.sessionId", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_sees_the_hits_but_cannot_forget()
    {
        var hits = Render<MemoryHits>(p => p.Add(c => c.Hits, [Hit("ada prefers tea")]).Add(c => c.Viewer, Reader));

        Assert.Contains("ada prefers tea", hits.Markup, StringComparison.Ordinal);
        Assert.Empty(hits.FindAll("button"));
        Assert.Contains("needs a writer key", hits.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_forgets_an_item_and_the_page_recalls_again_as_of_its_position()
    {
        var hit = Hit("ada's old address");
        Mediator.On<DeleteMemoryItemRequest, CommandResult>(_ => new CommandResult($"memory-{hit.ItemId}", 2, 73, 1));
        long? told = null;
        var hits = Render<MemoryHits>(p => p.Add(c => c.Hits, [hit]).Add(c => c.Viewer, Writer).Add(c => c.OnForgotten, position => told = position));

        hits.Find("button[aria-label=\"Forget ada's old address\"]").Click();

        var sent = Assert.Single(Mediator.SentOf<DeleteMemoryItemRequest>());
        Assert.Equal((hit.ItemId, "writer-app"), (sent.ItemId, sent.Context.Actor));
        Assert.Contains("Forgot", hits.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(73, told);
    }

    [Fact]
    public void A_refused_forget_shows_the_problem_words_and_type()
    {
        var hit = Hit("already gone");
        Mediator.On<DeleteMemoryItemRequest, CommandResult>(_ => throw new NotFoundException("memory_item", hit.ItemId.ToString()));
        long? told = null;
        var hits = Render<MemoryHits>(p => p.Add(c => c.Hits, [hit]).Add(c => c.Viewer, Writer).Add(c => c.OnForgotten, position => told = position));

        hits.FindAll("button").Single().Click();

        var alert = hits.Find("[role=alert]").TextContent;
        Assert.Contains("memory_item", alert, StringComparison.Ordinal);
        Assert.Contains("not_found", alert, StringComparison.Ordinal);
        Assert.Null(told);
    }

    private static MemoryHit Hit(string content, MemoryScoreParts? parts = null) =>
        new(Guid.NewGuid(), content, new MemoryScope("ada"), ["prefs"], "manual", 1, At, null, 0.75, parts ?? new MemoryScoreParts(0.5, 0.5, 0.5, 1, true, true));
}
