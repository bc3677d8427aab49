using Journal.Domain.Cron.Jobs;
using static Journal.Domain.Tests.Cron.Jobs.CronJobFixtures;

namespace Journal.Domain.Tests.Cron.Jobs;

public class CronJitterSpecs
{
    [Fact]
    public void Given_a_job_and_tick_When_jitter_is_computed_twice_Then_it_is_the_same_and_within_range()
    {
        var ticks = Enumerable.Range(0, 200).Select(i => T0.AddMinutes(i)).ToList();

        var first = ticks.Select(t => CronJitter.Of(JobId, t, 60)).ToList();
        var second = ticks.Select(t => CronJitter.Of(JobId, t, 60)).ToList();

        Assert.Equal(first, second);
        Assert.All(first, j => Assert.InRange(j, TimeSpan.Zero, TimeSpan.FromSeconds(60)));

        // Spread, not a constant: 200 draws from 60 001 values take many distinct values.
        Assert.True(first.Distinct().Count() > 150);
    }

    [Fact]
    public void Given_a_known_input_When_jitter_is_computed_Then_it_matches_sha256_of_the_big_endian_layout()
    {
        // The layout: 16 bytes of the job id (big-endian Guid), 8 bytes of the tick in unix ms, 4 bytes of the attempt; first 8 hash bytes mod range.
        Span<byte> input = stackalloc byte[28];
        JobId.TryWriteBytes(input[..16], bigEndian: true, out _);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(input[16..24], T0.ToUnixTimeMilliseconds());
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input[24..], 0);
        var hash = System.Security.Cryptography.SHA256.HashData(input);
        var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 10_001;

        Assert.Equal(TimeSpan.FromMilliseconds(expected), CronJitter.Of(JobId, T0, 10));
    }

    [Fact]
    public void Given_no_jitter_When_computed_Then_zero() =>
        Assert.Equal(TimeSpan.Zero, CronJitter.Of(JobId, T0, 0));

    [Theory]
    [InlineData(1, 10, 20)]
    [InlineData(2, 20, 40)]
    [InlineData(3, 40, 80)]
    [InlineData(4, 50, 100)]
    [InlineData(16, 50, 100)]
    public void Given_a_retry_policy_When_backoff_is_computed_Then_it_doubles_per_attempt_up_to_the_cap_with_equal_jitter(int failedAttempt, int minSeconds, int maxSeconds)
    {
        var retry = new RetryPolicy(16, 20, 100);

        var wait = CronJitter.Backoff(JobId, T0, failedAttempt, retry);

        Assert.InRange(wait, TimeSpan.FromSeconds(minSeconds), TimeSpan.FromSeconds(maxSeconds));
        Assert.Equal(wait, CronJitter.Backoff(JobId, T0, failedAttempt, retry));
    }
}
