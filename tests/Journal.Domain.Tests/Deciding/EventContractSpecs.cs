using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Journal.Domain.Runs;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Deciding;

/// <summary>
/// The contract of every event the tape knows, found by its <see cref="EventTypeAttribute"/> (not by a
/// hand-kept list): a stable, unique name, a JSON-friendly record, and the tape bytes of a sample pinned
/// in tests/testdata/event-contracts/events.json. A new event fails here until its contract is pinned.
/// </summary>
public class EventContractSpecs
{
    private static readonly IReadOnlyList<Type> EventTypes = EventContracts.EventTypes;

    [Fact]
    public void Given_every_event_record_When_inspected_Then_each_has_a_unique_stable_name()
    {
        var names = EventTypes.Select(t => (Type: t, Name: t.GetCustomAttribute<EventTypeAttribute>()?.Name)).ToList();
        var registry = new EventTypeRegistry([typeof(SessionDecider).Assembly]);

        Assert.Equal(EventContracts.ReadPinned(EventContracts.PinnedPath).Count, names.Count);
        Assert.All(names, n => Assert.Matches(@"^[a-z]+\.[a-z_]+\.v[0-9]+$", n.Name ?? $"{n.Type.Name} has no [EventType]"));
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(n.Type.IsSealed, $"{n.Type.Name} is not sealed"));
        Assert.Equal(names.Select(n => n.Name).Order(StringComparer.Ordinal), registry.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Given_every_event_record_When_its_sample_is_encoded_Then_it_matches_its_pinned_contract()
    {
        var actual = EventTypes.Select(EventContracts.Of).ToList();

        var differences = EventContracts.Differences(EventContracts.ReadPinned(EventContracts.PinnedPath), actual);

        if (differences.Count > 0)
        {
            // The contracts as today's code gives them, to review and copy over the pinned file when a change is intended.
            var written = Path.Combine(Path.GetTempPath(), "journal-event-contracts", Guid.NewGuid().ToString("N"), "events.json");
            EventContracts.Write(written, actual);
            Assert.Fail($"{differences.Count} event contract(s) differ from {EventContracts.PinnedPath}; today's contracts are in {written}:\n{string.Join("\n", differences)}");
        }
    }

    [Fact]
    public void Given_every_pinned_contract_When_its_bytes_are_decoded_and_encoded_again_Then_the_record_and_the_bytes_are_the_same()
    {
        var pinned = EventContracts.ReadPinned(EventContracts.PinnedPath);

        Assert.NotEmpty(pinned);
        Assert.All(pinned.Values, pin =>
        {
            var decoded = EventContracts.Serializer.Decode(pin.Name, Convert.FromHexString(pin.MessagePack))!;

            Assert.Equal(pin.Type, decoded.GetType().FullName);
            Assert.Equal(pin.Json, JsonSerializer.SerializeToNode(decoded, decoded.GetType(), PayloadSerializer.JsonOptions)!.ToJsonString());
            Assert.Equal(pin.MessagePack, Convert.ToHexStringLower(EventContracts.Serializer.EncodePayload(decoded).Payload));
        });
    }

    [Fact]
    public void Given_an_event_record_with_no_pinned_contract_When_compared_Then_it_is_reported()
    {
        var pinned = EventContracts.ReadPinned(EventContracts.PinnedPath);
        var actual = EventTypes.Select(EventContracts.Of).Append(EventContracts.Of(typeof(UnpinnedSample))).ToList();

        var differences = EventContracts.Differences(pinned, actual);

        Assert.Equal(["test.unpinned_sample.v1 (Journal.Domain.Tests.Deciding.EventContractSpecs+UnpinnedSample) has no pinned contract"], differences);
    }

    [Fact]
    public void Given_a_pinned_contract_whose_record_changed_or_is_gone_When_compared_Then_it_is_reported()
    {
        var pinned = EventContracts.ReadPinned(EventContracts.PinnedPath);
        var actual = EventTypes.Select(EventContracts.Of).ToList();
        var created = actual.Single(c => c.Name == "session.created.v1");
        actual.Remove(actual.Single(c => c.Name == "run.started.v1"));
        actual[actual.IndexOf(created)] = created with { MessagePack = created.MessagePack + "c0" };

        var differences = EventContracts.Differences(pinned, actual);

        Assert.Equal(2, differences.Count);
        Assert.StartsWith("session.created.v1 differs from its pinned contract", differences[0], StringComparison.Ordinal);
        Assert.StartsWith("run.started.v1 is pinned but no event record carries it", differences[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Given_every_event_record_When_inspected_Then_its_payload_holds_only_json_friendly_types()
    {
        static IEnumerable<string> Unfriendly(Type record)
        {
            foreach (var p in record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract" && !Friendly(p.PropertyType)))
            {
                var inner = Nested(p.PropertyType) is { } nested ? Unfriendly(nested).Select(u => $"{record.Name}.{p.Name}.{u}") : [$"{record.Name}.{p.Name}"];
                foreach (var u in inner)
                {
                    yield return u;
                }
            }
        }

        static bool Friendly(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            return t == typeof(string) || t == typeof(Guid) || t == typeof(DateTimeOffset) || t == typeof(bool)
                || t == typeof(int) || t == typeof(long) || t == typeof(double) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(t) || (t.IsEnum && t.GetCustomAttribute<JsonConverterAttribute>() is not null)
                || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && Friendly(t.GetGenericArguments()[0]));
        }

        // A sealed record of the domain (a cron job's definition, a planned run) is friendly when its own
        // properties are, and so is a read-only list of such records.
        static Type? Nested(Type t)
        {
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : t;
            return element is { IsClass: true, IsSealed: true } && element.Assembly == typeof(SessionDecider).Assembly
                && element.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null
                ? element
                : null;
        }

        var unfriendly = EventTypes.SelectMany(Unfriendly);

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

    /// <summary>An event record the journal does not know, to show a missing contract is found.</summary>
    [EventType("test.unpinned_sample.v1")]
    private sealed record UnpinnedSample(Guid SampleId, string Text, DateTimeOffset At);
}
