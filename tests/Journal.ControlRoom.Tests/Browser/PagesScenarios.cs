using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>The canvas, cron, memory and operations pages in Chromium against the running service: one service for the class.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesScenarios(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task Dragging_the_slider_back_shows_the_old_state()
    {
        var session = await service.CreateSessionAsync("ada", "canvas");
        var canvas = await service.CreateCanvasAsync(session, new { title = "First draft" });
        await service.PatchCanvasAsync(canvas, 1, """[{ "op": "replace", "path": "/title", "value": "Second draft" }]""");
        await service.PatchCanvasAsync(canvas, 2, """[{ "op": "replace", "path": "/title", "value": "Final plan" }, { "op": "add", "path": "/steps", "value": ["ship"] }]""");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);

        await BrowserPages.OpenAsync(page, "canvas");
        await page.GetByRole(AriaRole.Link, new() { Name = canvas.ToString(), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Canvas {canvas}", Level = 1 })).ToBeVisibleAsync();
        var slider = page.GetByLabel("Version", new() { Exact = true });
        // Enabled once the page's circuit is up: from then on the slider's changes reach the server.
        await Expect(slider).ToBeEnabledAsync();
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

    [Fact]
    public async Task An_admin_rebuilds_a_projection_and_sees_it_finish_on_the_operations_page()
    {
        await service.CreateSessionAsync("grace", "before the rebuild");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.AdminKey);

        await BrowserPages.OpenAsync(page, "operations");
        await Expect(page.Locator("#health-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("healthy|degraded"));
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Projections" })).ToContainTextAsync("sessions.v2");
        await page.GetByLabel("Projection", new() { Exact = true }).SelectOptionAsync("sessions.v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rebuild" }).ClickAsync();

        await Expect(page.Locator("#rebuild-state")).ToContainTextAsync("Rebuilt sessions.v2 from");
        await BrowserPages.ScreenshotAsync(page, "operations-rebuilt");
    }

    [Fact]
    public async Task A_reader_sees_the_operations_page_without_rebuild_or_backup()
    {
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);

        await BrowserPages.OpenAsync(page, "operations");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Projections" })).ToContainTextAsync("sessions.v2");
        await Expect(page.GetByText("need an admin key")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(1); // Sign out only.
    }

    [Fact]
    public async Task A_writer_pauses_and_resumes_a_cron_job_and_sees_each_outcome()
    {
        var jobId = await service.CreateHourlyCronJobAsync("nightly digest");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.WriterKey);

        await BrowserPages.OpenAsync(page, "cron");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nightly digest" });
        await Expect(row).ToContainTextAsync("every 3600 s");
        await row.GetByRole(AriaRole.Link, new() { Name = "nightly digest" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cron job nightly digest", Level = 1 })).ToBeVisibleAsync();
        var pause = page.GetByRole(AriaRole.Button, new() { Name = "Pause" });
        await Expect(pause).ToBeEnabledAsync();

        await pause.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Paused. nightly digest: recorded by writer-app");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Resumed.");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("enabled");
        await BrowserPages.ScreenshotAsync(page, "cron-resumed");

        var paused = Assert.Single(await service.EventsOfTypeAsync("cron.job_paused.v1"), e => e.GetProperty("streamId").GetString()!.EndsWith(jobId.ToString(), StringComparison.Ordinal));
        Assert.Equal("writer-app", paused.GetProperty("metadata").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_writer_runs_a_cron_job_now_sees_the_manual_run_in_the_history_and_finds_its_start_on_the_tape()
    {
        var jobId = await service.CreateHourlyCronJobAsync("on demand report");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.WriterKey);

        await BrowserPages.OpenAsync(page, $"cron/{jobId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cron job on demand report", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

        // The scheduler, woken by the request's commit, starts the run; the page follows the tape until it has.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Run started. on demand report: run");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("(trigger manual)");
        var run = page.GetByRole(AriaRole.Table, new() { Name = "Run history" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "manual" });
        await Expect(run).ToContainTextAsync("Active");
        await BrowserPages.ScreenshotAsync(page, "cron-run-now");

        var requested = Assert.Single(await service.EventsOfTypeAsync("cron.run_requested.v1"), e => e.GetProperty("streamId").GetString() == $"cronjob-{jobId}");
        Assert.Equal("writer-app", requested.GetProperty("metadata").GetProperty("actor").GetString());
        var started = Assert.Single(await service.EventsOfTypeAsync("cron.run_started.v1"), e => e.GetProperty("streamId").GetString() == $"cronjob-{jobId}");
        var seq = started.GetProperty("seq").GetInt64();

        await BrowserPages.OpenAsync(page, "tape");
        var row = page.Locator($"tr[data-seq='{seq}']");
        await Expect(row).ToContainTextAsync("cron.run_started.v1");
        await row.GetByRole(AriaRole.Link, new() { Name = seq.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Event {seq}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("pre")).ToContainTextAsync("\"trigger\": \"manual\"");
        await Expect(page.Locator("pre")).ToContainTextAsync(requested.GetProperty("payload").GetProperty("runId").GetString()!);
        await BrowserPages.ScreenshotAsync(page, "cron-run-now-event");
    }

    [Fact]
    public async Task A_writer_recalls_with_scores_and_forgets_an_item()
    {
        await service.RememberAsync("lin", "lin drinks green tea every morning");
        await service.RememberAsync("lin", "lin's build server is called hopper");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.WriterKey);

        await BrowserPages.OpenAsync(page, "memory");
        await page.GetByLabel("Principal").FillAsync("lin");
        await page.GetByLabel("Text").FillAsync("green tea");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recall" }).ClickAsync();

        var hit = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "green tea every morning" });
        await Expect(hit).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Recalled items" })).ToContainTextAsync("Full text");
        await BrowserPages.ScreenshotAsync(page, "memory-recall");

        await hit.GetByRole(AriaRole.Button, new() { Name = "Forget lin drinks green tea every morning" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Forgot \"lin drinks green tea every morning\".");
        await Expect(hit).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_four_pages_fit_a_phone_width_without_scrolling_sideways()
    {
        var session = await service.CreateSessionAsync("ada", "phone");
        var canvas = await service.CreateCanvasAsync(session, new { title = "A title long enough to wrap on a narrow screen, as people write them" });
        await service.CreateHourlyCronJobAsync("phone check");
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.AdminKey);
        await page.SetViewportSizeAsync(390, 844);

        foreach (var path in new[] { $"canvas/{canvas}", "canvas", "cron", "memory", "operations" })
        {
            await BrowserPages.OpenAsync(page, path);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (content, viewport) = (widths[0], widths[1]);
            Assert.True(content <= viewport, $"{path}: the page is {content} px wide in a {viewport} px viewport");
        }

        await BrowserPages.OpenAsync(page, $"canvas/{canvas}");
        await BrowserPages.ScreenshotAsync(page, "canvas-phone");
    }
}
