using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>Time travel on the canvas page, in Chromium against the running service.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CanvasTimeTravelScenario(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task Dragging_the_slider_back_shows_the_old_state()
    {
        var session = await service.CreateSessionAsync("ada", "canvas");
        var canvas = await service.CreateCanvasAsync(session, new { title = "First draft" });
        await service.PatchCanvasAsync(canvas, 1, """[{ "op": "replace", "path": "/title", "value": "Second draft" }]""");
        await service.PatchCanvasAsync(canvas, 2, """[{ "op": "replace", "path": "/title", "value": "Final plan" }, { "op": "add", "path": "/steps", "value": ["ship"] }]""");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);

        await BrowserPages.OpenAsync(page, $"canvas/{canvas}");
        var slider = page.GetByLabel("Version", new() { Exact = true });
        await Expect(slider).ToHaveValueAsync("3");
        await Expect(page.GetByLabel("State at version 3")).ToContainTextAsync("Final plan");

        // Drag the thumb from the slider's right end to its left end, as a person would with the mouse.
        var box = await slider.BoundingBoxAsync() ?? throw new InvalidOperationException("the slider is not visible");
        await page.Mouse.MoveAsync(box.X + box.Width - 4, box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + 1, box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.UpAsync();

        await Expect(slider).ToHaveValueAsync("1");
        await Expect(page.Locator("output#version-shown")).ToHaveTextAsync("Version 1 of 3");
        var state = page.GetByLabel("State at version 1");
        await Expect(state).ToContainTextAsync("First draft");
        await Expect(state).Not.ToContainTextAsync("steps");
        await Expect(page.GetByText("needs a writer key")).ToBeVisibleAsync();
        await BrowserPages.ScreenshotAsync(page, "canvas-time-travel");
    }
}
