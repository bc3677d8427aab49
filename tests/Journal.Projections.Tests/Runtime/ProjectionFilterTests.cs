using System.Reflection;
using System.Text.Json.Nodes;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;
using Journal.Projections.Runtime;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Runtime;

/// <summary>
/// Ties each projection's tape filter (<see cref="IProjection.EventTypes"/>) to the events its apply code
/// handles. The sample of every event comes from the pinned event contracts
/// (tests/testdata/event-contracts/events.json), decoded as the tape decodes it; samples of one
/// aggregate's events name the same aggregate.
/// </summary>
public sealed class ProjectionFilterTests : IAsyncLifetime
{
    private static readonly EventTypeRegistry Registry = new([typeof(SessionDecider).Assembly]);
    private readonly JournalFixture _journal = new();
    private List<IProjection> _projections = [];

    public Task InitializeAsync()
    {
        // The projections exactly as the composed journal registers them.
        _projections = _journal.Get<IEnumerable<IProjection>>().ToList();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public void EventTypes_of_every_projection_are_registered_tape_names_when_the_journal_is_composed()
    {
        var unknown = _projections
            .SelectMany(p => p.EventTypes.Where(name => !Registry.TryGetType(name, out _)).Select(name => $"{p.Name}: {name}"))
            .ToList();

        Assert.NotEmpty(_projections);
        Assert.Empty(unknown);
    }

    [Fact]
    public void EventTypes_of_a_single_stream_projection_are_the_names_of_exactly_the_records_it_handles_when_composed()
    {
        var singleStream = _projections.Where(IsSingleStream).ToList();

        Assert.Equal(
            ["approvals.v1", "runs.v2", "session_deltas.v4", "sessions.v2", "tooljobs.v1", "workspace.v1"],
            singleStream.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(singleStream, p =>
        {
            var handled = (IReadOnlyCollection<Type>)p.GetType().GetProperty(nameof(SingleStreamProjection<object>.HandledEvents))!.GetValue(p)!;

            Assert.NotEmpty(handled);
            Assert.Equal(handled.Count, p.EventTypes.Count);
            Assert.All(handled, type => Assert.True(
                Registry.TryGetName(type, out var name) && p.EventTypes.Contains(name),
                $"{p.Name} handles {type.Name}, which its filter does not let through"));
            Assert.All(p.EventTypes, name => Assert.True(
                Registry.TryGetType(name, out var type) && handled.Contains(type),
                $"{p.Name} lets {name} through, which it does not handle"));
        });
    }

    [Fact]
    public void Evolve_of_a_single_stream_projection_changes_rows_with_every_record_it_routes_and_with_no_other_when_folded()
    {
        var samples = Samples();
        var problems = new List<string>();
        foreach (var projection in _projections.Where(IsSingleStream))
        {
            var view = projection.GetType().BaseType!.GetGenericArguments()[0];
            var check = typeof(ProjectionFilterTests).GetMethod(nameof(FoldProblems), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(view);
            problems.AddRange((IEnumerable<string>)check.Invoke(null, [projection, samples])!);
        }

        Assert.True(samples.Count > 50, $"only {samples.Count} samples were read");
        Assert.Empty(problems);
    }

    /// <summary>
    /// Folds every routed sample onto every row reachable in up to three routed events from none; then every
    /// routed record must change some row (else the fold ignores what the filter lets through), and every
    /// other record must change none (else the fold handles what the filter never lets through).
    /// </summary>
    private static IEnumerable<string> FoldProblems<TView>(SingleStreamProjection<TView> projection, IReadOnlyList<ProjectedEvent> samples)
        where TView : class
    {
        var routed = samples.Where(s => projection.Rows.Types.Contains(s.Payload!.GetType())).ToList();
        var others = samples.Except(routed).ToList();
        Assert.Equal(projection.Rows.Types.Count, routed.Count);

        var rows = new List<TView?> { null };
        var frontier = new List<TView?> { null };
        for (var depth = 0; depth < 3; depth++)
        {
            frontier = frontier.SelectMany(row => routed.Select(e => projection.Evolve(row, e)))
                .Where(next => next is not null && !rows.Contains(next))
                .Distinct()
                .ToList();
            rows.AddRange(frontier);
        }

        foreach (var e in routed.Where(e => !rows.Any(row => projection.Evolve(row, e) is { } next && !next.Equals(row))))
        {
            yield return $"{projection.Name} routes {e.Event.EventType} but its fold changes no row with it";
        }

        foreach (var e in others.Where(e => rows.Any(row => !Equals(projection.Evolve(row, e), row))))
        {
            yield return $"{projection.Name} does not route {e.Event.EventType} but its fold changes a row with it";
        }
    }

    private static bool IsSingleStream(IProjection projection) =>
        projection.GetType().BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(SingleStreamProjection<>);

    /// <summary>
    /// One sample of every event the tape knows, decoded from its pinned bytes, all at the same position and
    /// stream version (the rows' bookkeeping then changes only with their content).
    /// </summary>
    private static List<ProjectedEvent> Samples()
    {
        var serializer = new PayloadSerializer(Registry, new Redactor(RedactionOptions.Default), 1024 * 1024);
        var pinned = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "testdata", "event-contracts", "events.json")))!["events"]!.AsArray();
        return pinned.Select(entry =>
        {
            var name = (string)entry!["name"]!;
            var payload = serializer.Decode(name, Convert.FromHexString((string)entry["messagePack"]!));
            var recorded = new RecordedEvent(1, Guid.Empty, "sample", 1, name, 0, EventMetadata.Empty, null, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
            return new ProjectedEvent(recorded, payload);
        }).ToList();
    }

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
