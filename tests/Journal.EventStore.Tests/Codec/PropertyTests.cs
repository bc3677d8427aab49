using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

public class PropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Reader_returns_written_tree_when_tree_is_random() =>
        Check.One(Runs, Prop.ForAll(TestGenerators.Tree.ToArbitrary(), tree =>
        {
            byte[] bytes = Pack.Bytes(tree.Write);
            var reader = new MessagePackReader(bytes, 1000);
            TestValue read = TestValue.Read(ref reader, bytes);
            return reader.End && read.SameAs(tree);
        }));

    [Fact]
    public void Writer_is_canonical_when_decoded_tree_is_re_encoded() =>
        Check.One(Runs, Prop.ForAll(TestGenerators.Tree.ToArbitrary(), tree =>
        {
            byte[] bytes = Pack.Bytes(tree.Write);
            var reader = new MessagePackReader(bytes);
            TestValue read = TestValue.Read(ref reader, bytes);
            return Pack.Bytes(read.Write).AsSpan().SequenceEqual(bytes) && Pack.Bytes(tree.Write).AsSpan().SequenceEqual(bytes);
        }));

    [Fact]
    public void Skip_consumes_exactly_one_value_when_tree_is_random() =>
        Check.One(Runs, Prop.ForAll(TestGenerators.Tree.ToArbitrary(), tree =>
        {
            byte[] bytes = Pack.Bytes((ref MessagePackWriter w) =>
            {
                tree.Write(ref w);
                w.WriteNil();
            });
            var reader = new MessagePackReader(bytes, 1000);
            reader.Skip();
            return reader.TryReadNil() && reader.End;
        }));

    [Fact]
    public void Writer_uses_shortest_integer_form_when_integer_is_random() =>
        Check.One(Runs, Prop.ForAll(TestGenerators.Int64.ToArbitrary(), value =>
        {
            int length = Pack.Bytes((ref MessagePackWriter w) => w.WriteInt64(value)).Length;
            int expected = value switch
            {
                >= -32 and <= 127 => 1,
                >= sbyte.MinValue and <= byte.MaxValue => 2,
                >= short.MinValue and <= ushort.MaxValue => 3,
                >= int.MinValue and <= uint.MaxValue => 5,
                _ => 9,
            };
            return length == expected;
        }));

    [Fact]
    public void Json_bridge_round_trips_when_json_tree_is_random() =>
        Check.One(Runs, Prop.ForAll(TestGenerators.Json.ToArbitrary(), node =>
        {
            byte[] bytes = JsonMessagePack.Encode(node);
            JsonNode? decoded = JsonMessagePack.Decode(bytes);
            return JsonNode.DeepEquals(node, decoded)
                && JsonNode.DeepEquals(decoded, JsonNode.Parse(JsonBridge.ToJsonText(bytes)))
                && JsonMessagePack.Encode(decoded).AsSpan().SequenceEqual(bytes);
        }));

    [Fact]
    public void Json_bridge_encodes_parsed_and_clr_nodes_identically_when_json_tree_is_random() =>
        Check.One(Runs, Prop.ForAll(TestGenerators.Json.ToArbitrary(), node =>
        {
            JsonNode? parsed = JsonNode.Parse(node?.ToJsonString() ?? "null");
            return JsonMessagePack.Encode(parsed).AsSpan().SequenceEqual(JsonMessagePack.Encode(node));
        }));

    [Fact]
    public void Decoders_throw_only_format_exception_when_input_is_random_bytes() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(TestGenerators.Bytes.ToArbitrary(), bytes =>
        {
            foreach (Action decode in new Action[]
            {
                () => JsonMessagePack.Decode(bytes),
                () => JsonBridge.ToJsonText(bytes),
                () => new MessagePackReader(bytes).Skip(),
            })
            {
                try
                {
                    decode();
                }
                catch (MessagePackFormatException)
                {
                }
            }

            return true;
        }));

    [Fact]
    public void Decoders_throw_only_format_exception_when_valid_encoding_is_corrupted() =>
        Check.One(Runs, Prop.ForAll(
            TestGenerators.Tree.ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            Gen.Choose(0, 255).ToArbitrary(),
            (tree, position, value) =>
            {
                byte[] bytes = Pack.Bytes(tree.Write);
                bytes[position % bytes.Length] = (byte)value;
                try
                {
                    JsonMessagePack.Decode(bytes);
                }
                catch (MessagePackFormatException)
                {
                }

                try
                {
                    new MessagePackReader(bytes).Skip();
                }
                catch (MessagePackFormatException)
                {
                }

                return true;
            }));
}
