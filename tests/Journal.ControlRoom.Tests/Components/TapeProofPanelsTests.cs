using Bunit;
using Journal.ControlRoom.Hosting;
using Journal.ControlRoom.Tape;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Errors;

namespace Journal.ControlRoom.Tests.Components;

public sealed class TapeProofPanelsTests : ComponentTestBase
{
    [Fact]
    public void The_tree_head_shows_its_size_root_chain_hash_and_signed_checkpoint()
    {
        Proofs.Head = new TreeHeadFacts(1234, "cm9vdC1vZi0xMjM0", "ab12cd", "journal.example/tape\n1234\ncm9vdC1vZi0xMjM0\n\n— journal.example/tape c2lnbmF0dXJl\n");

        var panel = Render<TreeHeadPanel>();

        Assert.Contains("1,234 events", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("cm9vdC1vZi0xMjM0", panel.Find("dl").TextContent, StringComparison.Ordinal);
        Assert.Contains("ab12cd", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("— journal.example/tape c2lnbmF0dXJl", panel.Find("pre[aria-label='Signed checkpoint']").TextContent, StringComparison.Ordinal);
        Assert.Contains("None published since the service started", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_published_checkpoint_is_shown_and_a_failed_one_in_words()
    {
        Proofs.Head = new TreeHeadFacts(40, "cm9vdA==", "00ff", null);
        Proofs.Published = new PublishedCheckpoint(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero), 37, "/data/checkpoints/checkpoint-000000000037.json", null);

        var published = Render<TreeHeadPanel>();
        Proofs.Published = new PublishedCheckpoint(new DateTimeOffset(2026, 12, 7, 23, 5, 0, TimeSpan.Zero), 0, null, "the key file is unreadable");
        var failed = Render<TreeHeadPanel>();

        Assert.Contains("Seq 37, signed at 2026-12-07 23:00:00 UTC", published.Markup, StringComparison.Ordinal);
        Assert.Contains("checkpoint-000000000037.json", published.Markup, StringComparison.Ordinal);
        Assert.Contains("the key file is unreadable", failed.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_without_a_checkpoint_key_says_it_is_not_signed()
    {
        Proofs.Head = new TreeHeadFacts(3, "cm9vdA==", "00ff", null);

        var panel = Render<TreeHeadPanel>();

        Assert.Empty(panel.FindAll("pre"));
        Assert.Contains("Not signed", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("Journal:CheckpointKeyPath", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_page_shows_its_checked_inclusion_proof_with_the_audit_path()
    {
        Proofs.Inclusion = new InclusionFacts(5, 4, 8, "bGVhZg==", ["aGFzaDE=", "aGFzaDI=", "aGFzaDM="], "cm9vdA==", Verified: true);

        var panel = Render<InclusionPanel>(p => p.Add(c => c.Seq, 5));

        Assert.Equal([5L], Proofs.Asked);
        Assert.Contains("The proof checks: event 5 is leaf 4 of the tree of 8 events.", panel.Find(".verdict").TextContent, StringComparison.Ordinal);
        Assert.Equal(["aGFzaDE=", "aGFzaDI=", "aGFzaDM="], panel.FindAll("ol[aria-label='Audit path'] li").Select(li => li.TextContent));
    }

    [Fact]
    public void A_proof_that_does_not_lead_to_the_root_says_so()
    {
        Proofs.Inclusion = new InclusionFacts(2, 1, 2, "bGVhZg==", ["aGFzaA=="], "cm9vdA==", Verified: false);

        var panel = Render<InclusionPanel>(p => p.Add(c => c.Seq, 2));

        Assert.Contains("does not check", panel.Find(".verdict.broken").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_proof_shows_the_problem_words()
    {
        Proofs.Failure = new NotFoundException("event", "99");

        var panel = Render<InclusionPanel>(p => p.Add(c => c.Seq, 99));

        var alert = panel.Find("[role=alert]");
        Assert.Contains("99", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("not_found", alert.TextContent, StringComparison.Ordinal);
    }
}
