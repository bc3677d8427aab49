using Journal.Domain.Errors;
using Journal.Domain.Workspace;

namespace Journal.Domain.Tests.Workspace;

public class WorkspacePathSpecs
{
    [Theory]
    [InlineData("notes.md", "notes.md")]
    [InlineData("docs/plan.md", "docs/plan.md")]
    [InlineData("./docs//plan.md", "docs/plan.md")]
    [InlineData("docs\\plan.md", "docs/plan.md")]
    [InlineData("docs/./a/", "docs/a")]
    [InlineData("Docs/Plan.md", "Docs/Plan.md")]
    [InlineData("a/.hidden/..x", "a/.hidden/..x")]
    public void Given_a_path_When_normalized_Then_one_canonical_spelling(string path, string expected) =>
        Assert.Equal(expected, WorkspacePath.Normalize(path, "Path"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/etc/passwd")]
    [InlineData("\\server\\share")]
    [InlineData("C:/x.txt")]
    [InlineData("c:x.txt")]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a\\..\\..\\b")]
    [InlineData(".")]
    [InlineData("./")]
    [InlineData("a/\u0000b")]
    [InlineData("a\nb")]
    public void Given_a_bad_path_When_normalized_Then_validation_names_the_field(string path)
    {
        var ex = Assert.Throws<ValidationException>(() => WorkspacePath.Normalize(path, "Path"));
        Assert.Equal("Path", ex.Field);
    }

    [Fact]
    public void Given_a_path_at_the_limit_When_normalized_Then_accepted_and_one_more_refused()
    {
        var atLimit = new string('a', WorkspaceLimits.PathMaxLength);
        Assert.Equal(atLimit, WorkspacePath.Normalize(atLimit, "Path"));
        Assert.Throws<ValidationException>(() => WorkspacePath.Normalize(atLimit + "a", "Path"));
    }

    [Fact]
    public void Given_two_spellings_of_one_path_When_claim_stream_named_Then_the_same_stream()
    {
        var stream = WorkspacePath.ClaimStreamFor("docs/plan.md");

        Assert.Equal(stream, WorkspacePath.ClaimStreamFor("./docs\\plan.md"));
        Assert.NotEqual(stream, WorkspacePath.ClaimStreamFor("docs/Plan.md"));
        Assert.Matches("^workspacepath-[0-9a-f]{64}$", stream.Value);
    }
}
