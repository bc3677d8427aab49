using System.Text.Json.Nodes;
using Journal.ControlRoom.Shared;

namespace Journal.ControlRoom.Tests.Components;

public sealed class JsonDiffTests
{
    [Fact]
    public void Equal_documents_have_no_change()
    {
        Assert.Empty(JsonDiff.Between(JsonNode.Parse("""{"a":[1,{"b":null}]}"""), JsonNode.Parse("""{"a":[1,{"b":null}]}""")));
    }

    [Fact]
    public void Nested_changes_are_listed_by_pointer_with_added_and_removed_values()
    {
        var changes = JsonDiff.Between(
            JsonNode.Parse("""{"a/b":1,"list":[1,2,3],"gone":true,"deep":{"x":"old"}}"""),
            JsonNode.Parse("""{"a/b":2,"list":[1,5],"deep":{"x":"new","y":null}}"""));

        Assert.Equal(
            [
                new JsonChange("/a~1b", "1", "2"),
                new JsonChange("/list/1", "2", "5"),
                new JsonChange("/list/2", "3", null),
                new JsonChange("/gone", "true", null),
                new JsonChange("/deep/x", "\"old\"", "\"new\""),
                new JsonChange("/deep/y", null, "null"),
            ],
            changes);
    }

    [Fact]
    public void A_change_of_kind_is_one_change_at_that_path()
    {
        Assert.Equal([new JsonChange("/v", "{\"a\":1}", "[1]")], JsonDiff.Between(JsonNode.Parse("""{"v":{"a":1}}"""), JsonNode.Parse("""{"v":[1]}""")));
    }

    [Fact]
    public void Values_read_as_written_without_unicode_escapes()
    {
        var change = Assert.Single(JsonDiff.Between(JsonNode.Parse("""{"label":"a"}"""), JsonNode.Parse("""{"label":"ada's <café> & co"}""")));

        Assert.Equal("\"ada's <café> & co\"", change.After);
    }
}
