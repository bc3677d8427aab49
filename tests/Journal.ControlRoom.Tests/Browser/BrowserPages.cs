using Microsoft.Playwright;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>What every scenario does in the browser: a fresh context (its own cookies), sign-in, a screenshot.</summary>
internal static class BrowserPages
{
    public static async Task<IPage> SignedInAsync(BrowserFixture browser, UiService service, string key)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Control room", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens a page of the control room and waits until its circuit is up (its actions work from then on).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
