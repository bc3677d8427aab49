using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>"Remember this decision" in Chromium: the ticked checkbox reaches the command, and the API then answers later requests from it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApprovalRememberScenario(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task A_writer_remembers_a_one_off_allow_for_the_session_and_the_API_answers_from_it()
    {
        var session = await service.CreateSessionAsync("ada", "remember");
        var approval = await service.RequestApprovalAsync(session, "Deploy build 913 to staging");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.WriterKey);

        await BrowserPages.OpenAsync(page, "approvals");
        var card = page.Locator("article.approval", new() { HasText = "Deploy build 913 to staging" });
        var allow = card.GetByRole(AriaRole.Button, new() { Name = "Allow" });
        await Expect(allow).ToBeEnabledAsync();
        await card.GetByLabel("Remember this decision for the rest of the session").CheckAsync();
        await allow.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Allowed and remembered for this session. Deploy build 913 to staging" })).ToContainTextAsync("Recorded by writer-app");
        await BrowserPages.ScreenshotAsync(page, "approve-remembered");
        var decided = Assert.Single(await service.EventsOfTypeAsync("approval.decided.v1"), e => e.GetProperty("streamId").GetString() == $"approval-{approval}");
        Assert.True(decided.GetProperty("payload").GetProperty("widenedToSession").GetBoolean());
        using var client = service.Client(UiService.ReaderKey);
        var remembered = await client.GetFromJsonAsync<JsonElement>(
            $"/v1/approvals/remembered?sessionId={session}&subjectType=tool.shell&subjectId=make%20deploy&minPosition={decided.GetProperty("seq").GetInt64()}");
        Assert.True(remembered.GetProperty("applies").GetBoolean());
        Assert.Equal("Session", remembered.GetProperty("decision").GetProperty("scope").GetString());
    }
}
