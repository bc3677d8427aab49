using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Journal.Application.Aggregates.Snapshots;
using Journal.Domain.Sessions;

namespace Journal.Domain.Tests.Deciding;

/// <summary>
/// A snapshot must stand in for the events it folded: for every decider of the domain and random
/// sequences of its events, folding a prefix, encoding and decoding it as a snapshot and folding the rest
/// gives the state a fold of the whole sequence gives.
/// </summary>
public sealed class SnapshotFoldProperties
{
    private static readonly Assembly Domain = typeof(SessionDecider).Assembly;

    public static TheoryData<string> Deciders()
    {
        var data = new TheoryData<string>();
        foreach (var decider in AllDeciders())
        {
            data.Add(decider.DeclaringType!.FullName!);
        }

        return data;
    }

    [Fact]
    public void Given_the_domain_When_its_deciders_are_listed_Then_every_state_type_of_a_decider_is_covered()
    {
        var states = AllDeciders().Select(p => p.PropertyType.GetGenericArguments()[1].Name).Order().ToList();

        Assert.Equal(12, states.Count);
        Assert.Contains("TranscriptState", states);
        Assert.Contains("CanvasState", states);
        Assert.Contains("CronJobState", states);
        Assert.Contains("ToolJobState", states);
    }

    [Theory]
    [MemberData(nameof(Deciders))]
    public void Given_random_events_When_a_prefix_is_folded_into_a_snapshot_and_the_rest_folded_on_it_Then_the_state_equals_the_full_fold(string deciderType)
    {
        var property = AllDeciders().Single(p => p.DeclaringType!.FullName == deciderType);
        var decider = property.GetValue(null)!;
        var arguments = property.PropertyType.GetGenericArguments();
        var (stateType, eventType) = (arguments[1], arguments[2]);
        var initial = decider.GetType().GetProperty("Initial")!.GetValue(decider)!;
        var evolve = (Delegate)decider.GetType().GetProperty("Evolve")!.GetValue(decider)!;
        var samples = Domain.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface && eventType.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal).Select(EventSamples.Of).ToList();
        Assert.NotEmpty(samples);
        var codec = new SnapshotCodec();
        var sequences = Gen.Choose(0, samples.Count - 1).ListOf().Select(indices => indices.Select(i => samples[i]).ToList());

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(sequences.ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (events, cutPercent) =>
        {
            var applied = Applicable(initial, events, evolve);
            var cut = applied.Count * cutPercent / 100;
            var full = Fold(initial, applied, evolve);
            var prefix = Fold(initial, applied.Take(cut), evolve);
            var snapshot = codec.Decode(stateType, codec.Encode(prefix));
            var resumed = Fold(snapshot, applied.Skip(cut), evolve);

            Assert.Equal(Describe(prefix), Describe(snapshot));
            Assert.Equal(Describe(full), Describe(resumed));
        }));
    }

    private static IEnumerable<PropertyInfo> AllDeciders() =>
        Domain.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Journal.Domain.Deciding.Decider<,,>))
            .OrderBy(p => p.DeclaringType!.FullName, StringComparer.Ordinal);

    /// <summary>The events of <paramref name="events"/> the fold accepts in that order (a sample that breaks an invariant of the state is left out).</summary>
    private static List<object> Applicable(object initial, IEnumerable<object> events, Delegate evolve)
    {
        var applied = new List<object>();
        var state = initial;
        foreach (var @event in events)
        {
            try
            {
                state = evolve.DynamicInvoke(state, @event)!;
                applied.Add(@event);
            }
            catch (TargetInvocationException)
            {
                // Not a sequence the tape could hold.
            }
        }

        return applied;
    }

    private static object Fold(object state, IEnumerable<object> events, Delegate evolve)
    {
        foreach (var @event in events)
        {
            state = evolve.DynamicInvoke(state, @event)!;
        }

        return state;
    }

    /// <summary>A canonical text of a state: what its constructor takes, recursively (sets sorted, JSON as text).</summary>
    private static string Describe(object? value)
    {
        var text = new StringBuilder();
        Describe(value, text);
        return text.ToString();
    }

    private static void Describe(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case JsonNode node:
                text.Append(node.ToJsonString());
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case DateTimeOffset at:
                text.Append(at.ToString("O", CultureInfo.InvariantCulture));
                return;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value.GetType().IsEnum || value is Guid or decimal:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b);
                return;
            case IEnumerable items:
                var parts = items.Cast<object?>().Select(Describe).ToList();
                if (value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)))
                {
                    parts.Sort(StringComparer.Ordinal);
                }

                text.Append('[').AppendJoin(',', parts).Append(']');
                return;
        }

        var type = value.GetType();
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        text.Append(type.Name).Append('{');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => parameters.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append('=');
            Describe(property.GetValue(value), text);
            text.Append(';');
        }

        text.Append('}');
    }
}
