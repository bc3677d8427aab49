using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>The pictures in Chromium against the running service: events per minute as the tape moves, the lag picture, a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PicturesScenarios(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task Events_per_minute_on_the_tape_page_grow_as_events_are_written()
    {
        var session = await service.CreateSessionAsync("ada", "pictures");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);

        await BrowserPages.OpenAsync(page, "tape");
        var figure = page.Locator("section:has(#tape-rate-title) svg[role=img]");
        await Expect(figure).ToHaveAttributeAsync("aria-label", Total(await HeadAsync()));
        await Expect(page.Locator("section:has(#tape-rate-title) g.bar")).ToHaveCountAsync(60);

        for (var i = 0; i < 3; i++)
        {
            await service.AppendEntryAsync(session, $"entry {i}");
        }

        // The picture follows the commit feed: no reload.
        await Expect(figure).ToHaveAttributeAsync("aria-label", Total(await HeadAsync()));
        var busiest = await page.Locator("section:has(#tape-rate-title) g.bar title").AllTextContentsAsync();
        Assert.Contains(busiest, t => t.EndsWith(" events", StringComparison.Ordinal) && !t.EndsWith(": 0 events", StringComparison.Ordinal));
        await BrowserPages.ScreenshotAsync(page, "tape-events-per-minute");
    }

    [Fact]
    public async Task The_pictures_fit_a_phone_width_and_operations_shows_the_lag_picture()
    {
        await service.CreateSessionAsync("grace", "phone pictures");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.AdminKey);
        await page.SetViewportSizeAsync(390, 844);

        foreach (var path in new[] { "", "tape", "operations" })
        {
            await BrowserPages.OpenAsync(page, path);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"/{path}: the page is {widths[0]} px wide in a {widths[1]} px viewport");
        }

        var lag = page.Locator("section:has(#lag-title)");
        await Expect(lag.GetByRole(AriaRole.Heading, new() { Name = "Projection lag over the last hour" })).ToBeVisibleAsync();
        await Expect(lag).ToContainTextAsync(new System.Text.RegularExpressions.Regex("samples|fell behind"));
        await BrowserPages.OpenAsync(page, "");
        var figure = page.Locator("svg[role=img]").First;
        var box = await figure.BoundingBoxAsync() ?? throw new InvalidOperationException("the picture is not visible");
        Assert.InRange(box.Width, 200, 390);
        await BrowserPages.ScreenshotAsync(page, "overview-phone");
    }

    private async Task<long> HeadAsync()
    {
        using var client = service.Client(UiService.ReaderKey);
        return (await client.GetFromJsonAsync<JsonElement>("/v1/journal/head")).GetProperty("seq").GetInt64();
    }

    private static System.Text.RegularExpressions.Regex Total(long events) => new($": {events} events in all");
}
