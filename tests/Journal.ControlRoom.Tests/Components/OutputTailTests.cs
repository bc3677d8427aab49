using Journal.ControlRoom.Sessions;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.ToolJobs;

namespace Journal.ControlRoom.Tests.Components;

public sealed class OutputTailTests
{
    private static readonly Guid Session = Guid.NewGuid();

    [Fact]
    public void Adjacent_chunks_of_one_stream_are_joined_and_a_stream_change_starts_a_segment()
    {
        var view = ToolJobRows.View(
            ToolJobRows.Job(Session, "make"),
            ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "a"),
            ToolJobRows.Chunk(1, ToolOutputStream.Stdout, "b"),
            ToolJobRows.Chunk(2, ToolOutputStream.Stderr, "c"),
            ToolJobRows.Chunk(3, ToolOutputStream.Stdout, "d"));

        var tail = OutputTail.Of(view);

        Assert.Equal(
            [new TailSegment(ToolOutputStream.Stdout, "ab"), new TailSegment(ToolOutputStream.Stderr, "c"), new TailSegment(ToolOutputStream.Stdout, "d")],
            tail.Segments);
        Assert.Equal((4L, 4L, false), (tail.ShownBytes, tail.TailBytes, tail.Cut));
    }

    [Fact]
    public void Only_the_newest_bytes_within_the_limit_are_kept_and_older_chunks_are_left_out()
    {
        var view = ToolJobRows.View(
            ToolJobRows.Job(Session, "make"),
            ToolJobRows.Chunk(0, ToolOutputStream.Stderr, "old old"),
            ToolJobRows.Chunk(1, ToolOutputStream.Stdout, "0123456789"),
            ToolJobRows.Chunk(2, ToolOutputStream.Stdout, "abc"));

        var tail = OutputTail.Of(view, maxBytes: 8);

        Assert.Equal([new TailSegment(ToolOutputStream.Stdout, "56789abc")], tail.Segments);
        Assert.Equal((8L, 20L, true), (tail.ShownBytes, tail.TailBytes, tail.Cut));
    }

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        // "é" is 2 bytes and "😀" 4 (a surrogate pair): 5 bytes hold "😀x" only, never half of either.
        var view = ToolJobRows.View(ToolJobRows.Job(Session, "echo"), ToolJobRows.Chunk(0, ToolOutputStream.Stdout, "é😀x"));

        var tail = OutputTail.Of(view, maxBytes: 6);

        Assert.Equal("😀x", Assert.Single(tail.Segments).Text);
        Assert.Equal(5L, tail.ShownBytes);
    }

    [Fact]
    public void No_output_is_no_segment()
    {
        var tail = OutputTail.Of(ToolJobRows.View(ToolJobRows.Job(Session, "make")));

        Assert.Empty(tail.Segments);
        Assert.False(tail.Cut);
    }
}
