using Bunit;
using Journal.ControlRoom.Sessions;
using Journal.ControlRoom.Tests.Support;
using Journal.Projections.Querying;
using Journal.Projections.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.ControlRoom.Tests.Components;

public sealed class SessionsPageTests : ComponentTestBase
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void Applying_filters_moves_to_their_address_leaving_blank_ones_out()
    {
        Mediator.On<ListSessionsQuery, Page<SessionView>>(_ => new Page<SessionView>([], null));
        Navigation.NavigateTo("sessions");
        var page = Render<SessionsPage>();

        page.Find("#filter-principal").Change("ada");
        page.Find("#filter-channel").Change("  ");
        page.Find("#filter-state").Change("archived");
        page.Find("form").Submit();

        Assert.Equal("http://localhost/sessions?principal=ada&state=archived", Navigation.Uri);
    }

    [Fact]
    public void The_address_filters_the_list_query_and_fills_the_fields()
    {
        Mediator.On<ListSessionsQuery, Page<SessionView>>(query => query.Principal == "ada"
            ? new Page<SessionView>([Rows.Session("ada", "telegram", SessionStates.Archived, label: "ada's archived chat")], null)
            : new Page<SessionView>([Rows.Session("bob", "cli", label: "bob's session")], null));
        Navigation.NavigateTo("sessions?principal=ada&channel=telegram&state=archived");

        var page = Render<SessionsPage>();

        var query = Assert.Single(Mediator.SentOf<ListSessionsQuery>());
        Assert.Equal(("ada", "telegram", "archived", (string?)null), (query.Principal, query.Channel, query.State, query.Cursor));
        Assert.Contains("ada's archived chat", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("bob's session", page.Markup, StringComparison.Ordinal);
        Assert.Equal("ada", page.Find("#filter-principal").GetAttribute("value"));
        Assert.Equal("telegram", page.Find("#filter-channel").GetAttribute("value"));
        Assert.Equal("archived", page.Find("#filter-state").GetAttribute("value"));
    }

    [Fact]
    public void Clear_drops_every_filter_from_the_address()
    {
        Mediator.On<ListSessionsQuery, Page<SessionView>>(_ => new Page<SessionView>([], null));
        Navigation.NavigateTo("sessions?principal=ada&state=active");
        var page = Render<SessionsPage>();

        page.FindAll("button").Single(b => b.TextContent == "Clear").Click();

        Assert.Equal("http://localhost/sessions", Navigation.Uri);
        Assert.Contains("No session matches.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_go_forward_with_the_list_query_cursor_and_back_to_the_page_before()
    {
        Mediator.On<ListSessionsQuery, Page<SessionView>>(query => query.Cursor switch
        {
            null => new Page<SessionView>([Rows.Session("p1", "cli", label: "first page")], "cursor-2"),
            "cursor-2" => new Page<SessionView>([Rows.Session("p2", "cli", label: "second page")], "cursor-3"),
            _ => new Page<SessionView>([Rows.Session("p3", "cli", label: "third page")], null),
        });
        var page = Render<SessionsPage>();
        Assert.True(Button(page, "Previous page").HasAttribute("disabled"));

        Button(page, "Next page").Click();
        Button(page, "Next page").Click();
        Assert.Contains("third page", page.Markup, StringComparison.Ordinal);
        Assert.True(Button(page, "Next page").HasAttribute("disabled"));
        Button(page, "Previous page").Click();

        Assert.Equal([null, "cursor-2", "cursor-3", "cursor-2"], Mediator.SentOf<ListSessionsQuery>().Select(q => q.Cursor));
        Assert.Contains("second page", page.Markup, StringComparison.Ordinal);
        Assert.Equal(SessionsPage.PageSize, Mediator.SentOf<ListSessionsQuery>().First().Limit);
    }

    [Fact]
    public void A_refused_filter_shows_the_problem_in_words()
    {
        Mediator.On<ListSessionsQuery, Page<SessionView>>(query => query.State is null or "active" or "archived"
            ? new Page<SessionView>([], null)
            : throw new Domain.Errors.ValidationException("state", "must be 'active' or 'archived'"));
        Navigation.NavigateTo("sessions?state=closed");

        var page = Render<SessionsPage>();

        var alert = page.Find("[role=alert]");
        Assert.Contains("state: must be 'active' or 'archived'", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("problems/validation.failed", alert.TextContent, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<SessionsPage> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent == text);
}
