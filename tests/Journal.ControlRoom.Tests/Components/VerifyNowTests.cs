using Bunit;
using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Tape;
using Journal.ControlRoom.Tests.Support;
using Journal.EventStore.Verification;

namespace Journal.ControlRoom.Tests.Components;

public sealed class VerifyNowTests : ComponentTestBase
{
    private static readonly Viewer Admin = new("admin-app", CanDecide: true, IsAdmin: true);

    [Fact]
    public void A_broken_chain_reads_broken_at_its_first_mismatch()
    {
        Verifier.Report = new VerificationReport(VerificationStatus.Broken, 1, 9, 3, 0, 9, "ab", new ChainMismatch(3, Guid.NewGuid(), "payload_digest_mismatch", "0a0b", "0c0d"), 1);
        var panel = Render<VerifyNow>(p => p.Add(c => c.Viewer, Admin));

        panel.FindAll("button").Single(b => b.TextContent == "Verify now").Click();

        Assert.Equal(1, Verifier.Runs);
        Assert.Contains("Chain broken at seq 3", panel.Find(".verdict.broken").TextContent, StringComparison.Ordinal);
        Assert.Contains("payload_digest_mismatch", panel.Markup, StringComparison.Ordinal);
        Assert.Equal("tape/3", panel.Find("a[href='tape/3']").GetAttribute("href"));
    }

    [Fact]
    public void An_intact_chain_says_how_much_was_checked()
    {
        Verifier.Report = new VerificationReport(VerificationStatus.Intact, 1, 1200, 1200, 2, 1200, "00ff00ff00ff00ff", null, 5);
        var panel = Render<VerifyNow>(p => p.Add(c => c.Viewer, Admin));

        panel.FindAll("button").Single(b => b.TextContent == "Verify now").Click();

        Assert.Contains("Intact: 1,200 events checked, seq 1 to 1200", panel.Find(".verdict.intact").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_admin_gets_the_button()
    {
        var panel = Render<VerifyNow>(p => p.Add(c => c.Viewer, new Viewer("writer-app", CanDecide: true, IsAdmin: false)));

        Assert.Empty(panel.FindAll("button"));
        Assert.Contains("needs an admin key", panel.Markup, StringComparison.Ordinal);
    }
}
