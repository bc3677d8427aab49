using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Journal.ControlRoom.Tests.Browser;

/// <summary>The Merkle tree on the Tape pages: the head the API gives, and an event's inclusion proof checked in the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TapeProofScenario(BrowserFixture browser, UiService service) : IClassFixture<UiService>
{
    [Fact]
    public async Task The_tape_page_shows_the_apis_tree_head_and_an_event_page_its_checked_inclusion_proof()
    {
        var session = await service.CreateSessionAsync("ada", "proofs");
        await service.AppendEntryAsync(session, "an entry to prove");
        await service.AppendEntryAsync(session, "another entry");
        using var client = service.Client(UiService.ReaderKey);
        var tree = await client.GetFromJsonAsync<JsonElement>("/v1/journal/tree");
        var size = tree.GetProperty("size").GetInt64();
        var page = await BrowserPages.SignedInAsync(browser, service, UiService.ReaderKey);

        await BrowserPages.OpenAsync(page, "tape");
        var head = page.Locator("section[aria-labelledby='tree-title']");
        await Expect(head).ToContainTextAsync(tree.GetProperty("root").GetString()!);
        await Expect(head).ToContainTextAsync("Not signed");
        await BrowserPages.ScreenshotAsync(page, "tape-tree-head");

        await BrowserPages.OpenAsync(page, "tape/2");
        var proof = page.Locator("section[aria-labelledby='inclusion-title']");
        await Expect(proof.Locator(".verdict")).ToContainTextAsync("The proof checks: event 2 is leaf 1 of the tree of");
        var expected = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/proofs/inclusion?seq=2&treeSize={size}");
        Assert.True(size >= 3, $"tree of {size}");
        await Expect(proof.Locator("ol[aria-label='Audit path'] li").First).ToHaveTextAsync(expected.GetProperty("auditPath")[0].GetString()!);
        await BrowserPages.ScreenshotAsync(page, "tape-inclusion-proof");
    }
}
