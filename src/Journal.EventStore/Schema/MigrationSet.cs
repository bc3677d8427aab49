using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Journal.EventStore.Schema;

/// <summary>
/// The numbered migrations embedded in an assembly under <c>Sql/Migrations/NNNN_name.sql</c>, each with its
/// optional precondition <c>Sql/Migrations/Preconditions/NNNN_name.sql</c>. The tape and the read-model
/// database each have their own set.
/// </summary>
public sealed partial class MigrationSet
{
    private MigrationSet(IReadOnlyList<Migration> migrations) => Migrations = migrations;

    /// <summary>The migrations, in version order.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The newest version this code knows.</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>
    /// Refuses a database whose recorded migrations this code cannot use: a version newer than the code's
    /// newest, or a checksum that differs from the code's script.
    /// </summary>
    /// <param name="source">The database, as named in the error (a file, or a PostgreSQL database).</param>
    /// <param name="recorded">The recorded migrations: version, name and checksum.</param>
    /// <exception cref="SchemaException"><c>schema.too_new</c> or <c>schema.checksum_mismatch</c>.</exception>
    public void Verify(string source, IReadOnlyDictionary<int, (string Name, string Checksum)> recorded)
    {
        foreach (var (version, (name, checksum)) in recorded)
        {
            if (version > LatestVersion)
            {
                throw new SchemaException(
                    "schema.too_new",
                    $"'{source}' has schema version {version} ({name}), newer than this code's {LatestVersion}: upgrade the journal before opening this file");
            }

            var known = Migrations[version - 1];
            if (!string.Equals(known.Checksum, checksum, StringComparison.Ordinal))
            {
                throw new SchemaException(
                    "schema.checksum_mismatch",
                    $"'{source}' recorded migration {version} ({name}) with checksum {checksum}, but this code's script has {known.Checksum}: the file was made by a different build");
            }
        }
    }

    /// <summary>Loads the set embedded in <paramref name="assembly"/> under the resource prefix <paramref name="resourcePrefix"/>.</summary>
    public static MigrationSet FromAssembly(Assembly assembly, string resourcePrefix)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[resourcePrefix.Length..];
            var match = FileName().Match(file);
            if (!match.Success)
            {
                continue;
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                match.Groups[2].Value,
                Read(assembly, resource)!,
                Read(assembly, resourcePrefix + "Preconditions." + file)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"migrations under '{resourcePrefix}' are not numbered 1..n without gaps (found {migrations[i].Version} at place {i + 1})");
            }
        }

        return new MigrationSet(migrations);
    }

    private static string? Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The tape's migrations.</summary>
    public static MigrationSet Tape() => FromAssembly(typeof(MigrationSet).Assembly, "Journal.EventStore.Sql.Migrations.");

    /// <summary>The first <paramref name="version"/> migrations only (used to build fixtures of older versions).</summary>
    public MigrationSet UpTo(int version) => new(Migrations.Where(m => m.Version <= version).ToList());

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
