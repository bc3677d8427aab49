using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>A session's tool job on its page in Chromium: output appended through the API appears in the open page's tail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionToolJobScenario(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task Output_appended_through_the_API_appears_in_the_open_session_page_s_tail()
    {
        var session = await service.CreateSessionAsync("lin", "tool output");
        var job = await PostAsync("/v1/tool-jobs", new { sessionId = session, toolName = "pytest" });
        var jobId = job.GetProperty("stream").GetString()!["tooljob-".Length..];
        await PostAsync($"/v1/tool-jobs/{jobId}/start", null);
        await PostAsync($"/v1/tool-jobs/{jobId}/output", new { stream = "Stdout", text = "collected 3 items\n" + new string('=', 300) + "\n" });
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);
        await BrowserPages.OpenAsync(page, $"sessions/{session}");
        var card = page.Locator($"article.tooljob[data-job='{jobId}']");
        var tail = card.GetByLabel("Output of pytest");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Running");
        await Expect(tail).ToContainTextAsync("collected 3 items");
        // The page follows the tape once its circuit is up.
        await Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);

        await PostAsync($"/v1/tool-jobs/{jobId}/output", new { stream = "Stderr", text = "FAILED test_tail.py::test_live - <AssertionError>\n" });

        await Expect(tail.Locator("span.stderr")).ToContainTextAsync("FAILED test_tail.py::test_live - <AssertionError>");
        await Expect(tail.Locator("span.stdout")).ToContainTextAsync("collected 3 items");
        await BrowserPages.ScreenshotAsync(page, "session-tool-job-tail");

        // Long output lines and the changes' values wrap at a phone width rather than widen the page.
        await page.SetViewportSizeAsync(390, 844);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the session page is {widths[0]} px wide in a {widths[1]} px viewport");
    }

    private async Task<JsonElement> PostAsync(string path, object? body)
    {
        using var client = service.Client(UiService.WriterKey);
        using var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
