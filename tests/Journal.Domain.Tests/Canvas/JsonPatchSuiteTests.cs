using System.Text.Json.Nodes;
using Journal.Domain.Canvas.Patching;

namespace Journal.Domain.Tests.Canvas;

/// <summary>Every enabled case of tests/testdata/json-patch (tests.json and spec_tests.json) is one test case.</summary>
public class JsonPatchSuiteTests
{
    private static readonly Lazy<JsonArray> MainFile = new(() => Read("tests.json"));
    private static readonly Lazy<JsonArray> SpecFile = new(() => Read("spec_tests.json"));

    public static TheoryData<string, int> Cases
    {
        get
        {
            var rows = new TheoryData<string, int>();
            foreach (var file in new[] { "tests.json", "spec_tests.json" })
            {
                var cases = Load(file);
                for (var i = 0; i < cases.Count; i++)
                {
                    var c = cases[i]!.AsObject();
                    // Records with only a comment, and disabled ones, are skipped by the data itself.
                    if (c.ContainsKey("doc") && c["disabled"]?.GetValue<bool>() != true)
                    {
                        rows.Add(file, i);
                    }
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_matches_the_suite_when_the_case_is_enabled(string file, int index)
    {
        var c = Load(file)[index]!.AsObject();
        var doc = c["doc"]?.DeepClone();
        var before = doc?.DeepClone();
        if (c.ContainsKey("error"))
        {
            var error = Assert.ThrowsAny<Journal.Domain.Errors.JournalException>(() => JsonPatch.Parse(c["patch"]).Apply(doc));
            if (error is JsonPatchException patchError)
            {
                Assert.StartsWith($"operation {patchError.OperationIndex} (", patchError.Message, StringComparison.Ordinal);
            }
        }
        else
        {
            var result = JsonPatch.Parse(c["patch"]).Apply(doc);
            var expected = c.ContainsKey("expected") ? c["expected"] : c["doc"];
            Assert.True(JsonValues.DeepEquals(expected, result), $"expected {expected?.ToJsonString()}, got {result?.ToJsonString()}");
        }

        // Atomic on a copy: the input document is never changed, whatever happened.
        Assert.True(JsonValues.DeepEquals(before, doc));
    }

    [Fact]
    public void Suite_files_hold_enough_enabled_cases_when_loaded()
    {
        Assert.True(Cases.Count >= 85, $"only {Cases.Count} enabled cases were found");
    }

    private static JsonArray Load(string file) => file == "tests.json" ? MainFile.Value : SpecFile.Value;

    private static JsonArray Read(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "testdata", "json-patch", file)))!.AsArray();

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Journal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Journal.sln not found above " + AppContext.BaseDirectory);
    }
}
