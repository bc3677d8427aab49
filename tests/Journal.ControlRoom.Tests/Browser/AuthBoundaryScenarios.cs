using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>Where the control room's cookie counts and where it does not.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuthBoundaryScenarios(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task The_cookie_opens_pages_but_never_the_API_which_still_asks_for_a_key()
    {
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.AdminKey);

        var withCookie = await page.APIRequest.GetAsync("/v1/sessions");
        var health = await page.APIRequest.GetAsync("/health/live");

        Assert.Equal((int)HttpStatusCode.Unauthorized, withCookie.Status);
        Assert.Contains("auth.unauthenticated", await withCookie.TextAsync(), StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.OK, health.Status);
        // The cookie's protection keys never reach the disk: nothing of them in the data directory.
        Assert.Empty(Directory.EnumerateFiles(service.DataDirectory, "key-*.xml", SearchOption.AllDirectories));
        using var client = service.Client(UiService.ReaderKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/sessions")).StatusCode);
    }

    [Fact]
    public async Task A_page_without_a_cookie_goes_to_sign_in_and_a_key_header_does_not_open_it()
    {
        using var client = service.Client(UiService.AdminKey);

        using var response = await client.GetAsync("/approvals");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fapprovals", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_post_without_its_antiforgery_token_is_refused_and_sets_no_cookie()
    {
        using var client = service.Client(null);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login", ["Input.Key"] = UiService.AdminKey });

        using var response = await client.PostAsync("/login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(Auth.ControlRoomAuth.CookieName, StringComparison.Ordinal)));
    }
}

/// <summary>Without keys the service is on loopback only, and the control room opens without a sign-in, as admin.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoopbackScenarios(BrowserFixture browser, LoopbackUiService service) : IClassFixture<LoopbackUiService>
{
    [Fact]
    public async Task Without_keys_the_pages_open_at_once_as_the_loopback_admin()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.Address.ToString(), ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await BrowserPages.OpenAsync(page, "tape");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tape", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".user")).ToContainTextAsync("loopback (admin)");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verify now" })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await BrowserPages.ScreenshotAsync(page, "loopback-tape-phone-width");
        await page.GotoAsync("login");
        await Expect(page.GetByText("needs no sign-in")).ToBeVisibleAsync();
    }
}
