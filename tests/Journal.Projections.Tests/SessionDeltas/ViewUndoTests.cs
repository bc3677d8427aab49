using System.Text.Json;
using Journal.Domain.Runs;
using Journal.Projections.SessionDeltas;
using Journal.Projections.Sessions;

namespace Journal.Projections.Tests.SessionDeltas;

public sealed class ViewUndoTests
{
    private static readonly DateTimeOffset T = new(2025, 3, 4, 10, 0, 1, TimeSpan.Zero);

    private static SessionView View(string? label, long version, RunStatus? status = null) => new(
        Guid.Parse("0b7c9a52-5f1e-4e57-9d43-2f4f6a1b8c01"), "alice", "laptop", "cli", "k-1", label, SessionStates.Active,
        T, T.AddSeconds(version), null, status is null ? null : Guid.Parse("6f3c1d1e-2a9b-4c11-8f0e-3d2b1a0c9e77"), status,
        (int)version, 0, null, version, 100 + version);

    [Theory]
    [InlineData("first", "second")]
    [InlineData(null, "with \"quotes\", a <tag>, + & é 😀 and \\ slashes")]
    [InlineData("same", "same")]
    [InlineData("line\nbreak", null)]
    public void Apply_gives_back_the_exact_text_of_the_view_before_when_given_the_undo_between_two_views(string? was, string? now)
    {
        var before = SessionViewJson.Write(View(was, 1));
        var after = SessionViewJson.Write(View(now, 2, RunStatus.Succeeded));

        var undo = ViewUndo.Between(before, after);

        Assert.NotNull(undo);
        Assert.Equal(before, ViewUndo.Apply(after, undo));
        Assert.True(undo.Length < before.Length / 2, undo);
    }

    [Fact]
    public void Between_holds_only_the_properties_that_changed_with_their_values_before()
    {
        var before = SessionViewJson.Write(View("a", 1));
        var after = SessionViewJson.Write(View("a", 2));

        var undo = ViewUndo.Between(before, after);

        Assert.Equal("""{"updatedAt":"2025-03-04T10:00:02+00:00","runCount":1,"streamVersion":1,"lastPosition":101}""", undo);
    }

    [Fact]
    public void Between_returns_null_when_the_views_do_not_have_the_same_properties()
    {
        Assert.Null(ViewUndo.Between("""{"a":1,"b":2}""", """{"a":1,"c":2}"""));
        Assert.Null(ViewUndo.Between("""{"a":1}""", """{"a":1,"b":2}"""));
        Assert.Null(ViewUndo.Between("[1]", """{"a":1}"""));
    }

    [Fact]
    public void Apply_throws_when_the_undo_names_a_property_the_view_does_not_have()
    {
        Assert.Throws<JsonException>(() => ViewUndo.Apply("""{"a":1}""", """{"b":2}"""));
        Assert.Equal("""{"a":3,"b":[1,{"c":null}]}""", ViewUndo.Apply("""{"a":1,"b":[1,{"c":null}]}""", """{"a":3}"""));
    }
}
