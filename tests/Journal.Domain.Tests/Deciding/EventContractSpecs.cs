using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Journal.Domain.Runs;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Deciding;

public class EventContractSpecs
{
    private static readonly Type[] Markers =
    [
        typeof(ISessionEvent), typeof(ISessionKeyEvent), typeof(IRunEvent), typeof(Journal.Domain.Transcript.ITranscriptEvent),
        typeof(Journal.Domain.ToolJobs.IToolJobEvent), typeof(Journal.Domain.Approvals.IApprovalEvent), typeof(Journal.Domain.Workspace.IWorkspaceDocumentEvent),
        typeof(Journal.Domain.Workspace.IWorkspacePathEvent), typeof(Journal.Domain.Memory.IMemoryItemEvent), typeof(Journal.Domain.Canvas.ICanvasEvent),
    ];

    private static readonly Type[] EventTypes = typeof(SessionDecider).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && Markers.Any(m => m.IsAssignableFrom(t)))
        .ToArray();

    [Fact]
    public void Given_every_event_record_When_inspected_Then_each_has_a_unique_stable_name()
    {
        var names = EventTypes.Select(t => (Type: t, Name: t.GetCustomAttribute<EventTypeAttribute>()?.Name)).ToList();

        Assert.Equal(40, names.Count);
        Assert.All(names, n => Assert.Matches(@"^[a-z]+\.[a-z_]+\.v[0-9]+$", n.Name ?? $"{n.Type.Name} has no [EventType]"));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(n.Type.IsSealed, $"{n.Type.Name} is not sealed"));
    }

    [Fact]
    public void Given_every_event_record_When_inspected_Then_its_payload_holds_only_json_friendly_types()
    {
        static bool Friendly(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            return t == typeof(string) || t == typeof(Guid) || t == typeof(DateTimeOffset) || t == typeof(bool)
                || t == typeof(int) || t == typeof(long) || t == typeof(double) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(t) || (t.IsEnum && t.GetCustomAttribute<JsonConverterAttribute>() is not null);
        }

        var unfriendly = EventTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (t, p)))
            .Where(x => x.p.Name != "EqualityContract" && !Friendly(x.p.PropertyType))
            .Select(x => $"{x.t.Name}.{x.p.Name}");

        Assert.Empty(unfriendly);
    }

    [Fact]
    public void Given_every_domain_enum_When_inspected_Then_it_serializes_by_name()
    {
        var enums = typeof(SessionDecider).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.Namespace != typeof(ReadDirection).Namespace);

        Assert.All(enums, e => Assert.NotNull(e.GetCustomAttribute<JsonConverterAttribute>()));
    }

    [Fact]
    public void Given_an_event_with_an_enum_When_round_tripped_through_json_Then_equal_and_named()
    {
        var accepted = new RunAccepted(Guid.NewGuid(), Guid.NewGuid(), RunKind.Delegated, Guid.NewGuid(), T0);

        var json = JsonSerializer.Serialize(accepted);

        Assert.Contains("\"Kind\":\"Delegated\"", json, StringComparison.Ordinal);
        Assert.Equal(accepted, JsonSerializer.Deserialize<RunAccepted>(json));
    }
}
