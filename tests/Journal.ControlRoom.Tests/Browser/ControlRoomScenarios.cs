using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>The control room in Chromium against the running service: one service and one browser for the class.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ControlRoomScenarios(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task Approving_in_the_browser_records_the_decision_on_the_tape_with_the_key_as_actor()
    {
        var session = await service.CreateSessionAsync("ada", "deploys");
        var approval = await service.RequestApprovalAsync(session, "Deploy build 812 to production");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.WriterKey);

        await BrowserPages.OpenAsync(page, "approvals");
        var card = page.Locator("article.approval", new() { HasText = "Deploy build 812 to production" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Allowed. Deploy build 812 to production" })).ToContainTextAsync("Recorded by writer-app");
        await Expect(card).ToHaveCountAsync(0);
        await BrowserPages.ScreenshotAsync(page, "approve-allowed");

        var decided = Assert.Single(await service.EventsOfTypeAsync("approval.decided.v1"), e => e.GetProperty("streamId").GetString() == $"approval-{approval}");
        var seq = decided.GetProperty("seq").GetInt64();
        Assert.Equal("writer-app", decided.GetProperty("metadata").GetProperty("actor").GetString());

        await BrowserPages.OpenAsync(page, "tape");
        var row = page.Locator($"tr[data-seq='{seq}']");
        await Expect(row).ToContainTextAsync("approval.decided.v1");
        await row.GetByRole(AriaRole.Link, new() { Name = seq.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Event {seq}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("pre")).ToContainTextAsync("\"decision\": \"Allow\"");
        await Expect(page.Locator("pre")).ToContainTextAsync("+00:00");
        await Expect(page.Locator("dl.facts").First).ToContainTextAsync("writer-app");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Predecessor: event {seq - 1}" })).ToBeVisibleAsync();
        await BrowserPages.ScreenshotAsync(page, "approve-decision-event");
    }

    [Fact]
    public async Task A_reader_key_sees_the_pending_approval_but_no_Allow_button()
    {
        var session = await service.CreateSessionAsync("ada", "reads");
        await service.RequestApprovalAsync(session, "Read the billing database");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);

        await BrowserPages.OpenAsync(page, "approvals");
        var card = page.Locator("article.approval", new() { HasText = "Read the billing database" });
        await Expect(card).ToBeVisibleAsync();
        await Expect(page.GetByText("may look but not decide")).ToBeVisibleAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Allow" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deny" })).ToHaveCountAsync(0);
        await BrowserPages.ScreenshotAsync(page, "reader-approvals");
    }

    [Fact]
    public async Task A_new_transcript_entry_appears_on_the_open_session_page()
    {
        var session = await service.CreateSessionAsync("grace", "live transcript");
        await service.AppendEntryAsync(session, "first words before the page opened");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);
        await BrowserPages.OpenAsync(page, $"sessions/{session}");
        await Expect(page.Locator("ol.transcript")).ToContainTextAsync("first words before the page opened");

        await service.AppendEntryAsync(session, "an entry written while the page is open");

        await Expect(page.Locator("ol.transcript li")).ToHaveCountAsync(2);
        await Expect(page.Locator("ol.transcript li").Last).ToContainTextAsync("an entry written while the page is open");
        await BrowserPages.ScreenshotAsync(page, "session-live-transcript");
    }

    [Fact]
    public async Task A_wrong_key_gets_a_message_and_no_cookie()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("sessions");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));

        await page.GetByLabel("API key").FillAsync("not-a-key-of-this-journal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not one this journal knows");
        await Expect(page.GetByLabel("API key")).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain("not-a-key-of-this-journal", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == Auth.ControlRoomAuth.CookieName);
        await BrowserPages.ScreenshotAsync(page, "login-wrong-key");
    }

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_and_signing_out_ends_the_session()
    {
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.AdminKey);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == Auth.ControlRoomAuth.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(UiService.AdminKey, cookie.Value, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == Auth.ControlRoomAuth.CookieName);
        await page.GotoAsync("approvals");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task The_keyboard_alone_skips_to_the_content_and_reaches_Allow_and_the_landmarks_are_labelled()
    {
        var session = await service.CreateSessionAsync("ada", "keyboard");
        await service.RequestApprovalAsync(session, "Restart the indexer");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.WriterKey);
        await BrowserPages.OpenAsync(page, "approvals");

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await skip.FocusAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/approvals#main$"));

        var reached = false;
        for (var presses = 0; presses < 40 && !reached; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string>("document.activeElement.textContent") == "Allow";
        }

        Assert.True(reached, "Tab never reached an Allow button");
        await BrowserPages.ScreenshotAsync(page, "keyboard-allow-focused");
    }

    [Fact]
    public async Task Filtering_sessions_puts_the_filter_in_the_address_and_Back_undoes_it()
    {
        await service.CreateSessionAsync("linus", "linus's kernel chat");
        await service.CreateSessionAsync("margaret", "margaret's guidance chat");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);
        await BrowserPages.OpenAsync(page, "sessions");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Sessions" });
        await Expect(table).ToContainTextAsync("linus's kernel chat");

        await page.GetByLabel("Principal").FillAsync("margaret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/sessions\\?principal=margaret$"));
        await Expect(table).ToContainTextAsync("margaret's guidance chat");
        await Expect(table).Not.ToContainTextAsync("linus's kernel chat");
        await BrowserPages.ScreenshotAsync(page, "sessions-filtered");
        await page.GoBackAsync();
        await Expect(table).ToContainTextAsync("linus's kernel chat");
        await Expect(page.GetByLabel("Principal")).ToHaveValueAsync(string.Empty);
    }
}
