using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>A tape forged under the running service, found by "verify now" (its own service: the forgery would spoil the others).</summary>
[Collection(BrowserCollection.Name)]
public sealed class TamperedTapeScenario(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task A_tampered_tape_reads_broken_at_the_forged_seq_on_the_tape_page()
    {
        var session = await service.CreateSessionAsync("ada", "to be forged");
        await service.AppendEntryAsync(session, "an honest entry");
        await service.AppendEntryAsync(session, "another honest entry");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.AdminKey);
        await BrowserPages.OpenAsync(page, "tape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await Expect(page.Locator(".verdict")).ToContainTextAsync("Intact");

        service.TamperPayload(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

        await Expect(page.Locator(".verdict")).ToContainTextAsync("broken at seq 2");
        await BrowserPages.ScreenshotAsync(page, "tape-broken");
    }
}
