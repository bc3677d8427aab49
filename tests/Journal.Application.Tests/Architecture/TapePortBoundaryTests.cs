using System.Text.RegularExpressions;
using Journal.EventStore.Tests.Support;

namespace Journal.Application.Tests.Architecture;

/// <summary>
/// The SQLite adapter stays behind the tape ports: outside src/Journal.EventStore, only the composition root
/// may name <c>SqliteEventStore</c>; everything else asks for IEventStore or a port of Journal.EventStore.Ports.
/// </summary>
public sealed partial class TapePortBoundaryTests
{
    /// <summary>Files that open the SQLite tape and register it as its ports (AddJournal through AddJournalTape; the CLI's offline services).</summary>
    private static readonly string[] CompositionRoot =
    [
        "src/Journal.Application/JournalServiceCollectionExtensions.cs",
        "src/Journal.Api/Cli/JournalServices.cs",
    ];

    [Fact]
    public void Source_outside_the_event_store_names_SqliteEventStore_only_in_the_composition_root()
    {
        var root = RepositoryRoot.Path;
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("src/Journal.EventStore/", StringComparison.Ordinal))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Where(file => !CompositionRoot.Contains(file, StringComparer.Ordinal))
            .Where(file => NamesTheAdapter().IsMatch(File.ReadAllText(Path.Combine(root, file))))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            offenders.Count == 0,
            $"{offenders.Count} file(s) outside src/Journal.EventStore name SqliteEventStore; take IEventStore or a port of Journal.EventStore.Ports instead:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    [Fact]
    public void Allow_lists_name_only_paths_that_exist()
    {
        var root = RepositoryRoot.Path;
        var missing = CompositionRoot.Where(file => !File.Exists(Path.Combine(root, file))).ToList();

        Assert.True(missing.Count == 0, $"allow-listed paths that do not exist (remove them): {string.Join(", ", missing)}");
    }

    [GeneratedRegex(@"\bSqliteEventStore\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamesTheAdapter();
}
