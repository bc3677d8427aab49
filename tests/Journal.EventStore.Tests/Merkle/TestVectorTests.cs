using Journal.EventStore.Merkle;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>Every case of the transparency-dev vectors reaches the verdict its <c>wantErr</c> asks for.</summary>
public sealed class TestVectorTests
{
    public static IEnumerable<object[]> InclusionCases => TestVectors.Files("inclusion");

    public static IEnumerable<object[]> ConsistencyCases => TestVectors.Files("consistency");

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_reaches_the_vectors_verdict(string file)
    {
        var vector = TestVectors.Read(file);
        var index = TestVectors.Number(vector.GetProperty("leafIdx"));
        var size = TestVectors.Number(vector.GetProperty("treeSize"));

        var accepted = index is { } i && size is { } n && MerkleVerifier.VerifyInclusion(
            i,
            n,
            TestVectors.Bytes(vector.GetProperty("leafHash")),
            TestVectors.Hashes(vector.GetProperty("proof")),
            TestVectors.Bytes(vector.GetProperty("root")));

        Assert.Equal(!vector.GetProperty("wantErr").GetBoolean(), accepted);
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_reaches_the_vectors_verdict(string file)
    {
        var vector = TestVectors.Read(file);
        var from = TestVectors.Number(vector.GetProperty("size1"));
        var to = TestVectors.Number(vector.GetProperty("size2"));

        var accepted = from is { } m && to is { } n && MerkleVerifier.VerifyConsistency(
            m,
            n,
            TestVectors.Hashes(vector.GetProperty("proof")),
            TestVectors.Bytes(vector.GetProperty("root1")),
            TestVectors.Bytes(vector.GetProperty("root2")));

        Assert.Equal(!vector.GetProperty("wantErr").GetBoolean(), accepted);
    }

    [Fact]
    public void Vectors_are_all_there_and_hold_cases_of_both_verdicts()
    {
        var inclusion = InclusionCases.Select(c => TestVectors.Read((string)c[0])).ToList();
        var consistency = ConsistencyCases.Select(c => TestVectors.Read((string)c[0])).ToList();

        Assert.Equal(98, inclusion.Count);
        Assert.Equal(98, consistency.Count);
        Assert.Contains(inclusion, v => !v.GetProperty("wantErr").GetBoolean());
        Assert.Contains(inclusion, v => v.GetProperty("wantErr").GetBoolean());
        Assert.Contains(consistency, v => !v.GetProperty("wantErr").GetBoolean());
        Assert.Contains(consistency, v => v.GetProperty("wantErr").GetBoolean());
    }
}
