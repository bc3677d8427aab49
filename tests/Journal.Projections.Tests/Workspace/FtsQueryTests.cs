using Journal.Projections.Workspace;

namespace Journal.Projections.Tests.Workspace;

public sealed class FtsQueryTests
{
    [Theory]
    [InlineData("hello world", "\"hello\" \"world\"")]
    [InlineData("NEAR(a b)", "\"NEAR\" \"a\" \"b\"")]
    [InlineData("\"quoted\" -minus col:value star*", "\"quoted\" \"minus\" \"col\" \"value\" \"star\"")]
    [InlineData("café über_alles 42", "\"café\" \"über\" \"alles\" \"42\"")]
    public void Sanitize_quotes_each_word_when_the_text_has_words(string text, string expected)
    {
        Assert.Equal(expected, FtsQuery.Sanitize(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n")]
    [InlineData("\"*:-()^+{}")]
    public void Sanitize_returns_null_when_the_text_has_no_word(string? text)
    {
        Assert.Null(FtsQuery.Sanitize(text));
    }

    [Fact]
    public void Sanitize_keeps_at_most_MaxWords_words_when_the_text_is_long()
    {
        var query = FtsQuery.Sanitize(string.Join(' ', Enumerable.Range(0, 100).Select(i => "w" + i)));

        Assert.Equal(FtsQuery.MaxWords, query!.Split(' ').Length);
    }
}
