using System.Net;
using System.Net.Http.Json;
using Journal.Api.Http.Problems;
using Journal.Api.Tests.Http.Support;
using Journal.Domain.Errors;
using Journal.EventStore.Storage;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.Http;

namespace Journal.Api.Tests.Http;

public sealed class ProblemMappingTests
{
    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new ValidationException("SessionId", "must not be the empty id"), StatusCodes.Status400BadRequest, "validation.failed" },
        { new NotFoundException("run", "x"), StatusCodes.Status404NotFound, "run.not_found" },
        { new WrongExpectedVersionException("session-1", "3", 4), StatusCodes.Status409Conflict, "stream.wrong_expected_version" },
        { new EventIdConflictException(Guid.NewGuid(), "other payload"), StatusCodes.Status409Conflict, "event.id_conflict" },
        { new RuleViolationException("idempotency.key_conflict", "used"), StatusCodes.Status409Conflict, "idempotency.key_conflict" },
        { new RuleViolationException("run.already_active", "busy"), StatusCodes.Status422UnprocessableEntity, "run.already_active" },
        { new TooLargeException("payload", 2000, 1024), StatusCodes.Status413PayloadTooLarge, "input.too_large" },
        { new StaleReadException(10, 7), StatusCodes.Status503ServiceUnavailable, "projection.stale" },
        { new StorageException("disk full"), StatusCodes.Status503ServiceUnavailable, "storage.unavailable" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Typed_errors_map_to_their_status_and_stable_code(Exception exception, int status, string code)
    {
        var problem = ExceptionProblems.Map(exception)!;

        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Extensions["code"]);
        Assert.Equal("https://journal.dev/problems/" + code, problem.Type);
    }

    [Fact]
    public void Conflicts_carry_expected_and_actual_and_validation_names_the_field_in_camel_case()
    {
        var conflict = ExceptionProblems.Map(new WrongExpectedVersionException("session-1", "3", 4))!;
        var invalid = ExceptionProblems.Map(new ValidationException("SessionId", "must not be the empty id"))!;

        Assert.Equal(3L, conflict.Extensions["expected"]);
        Assert.Equal(4L, conflict.Extensions["actual"]);
        Assert.Equal("sessionId", invalid.Extensions["field"]);
    }

    [Theory]
    [InlineData("no-stream", 0L)]
    [InlineData("17", 17L)]
    [InlineData("stream-exists", null)]
    [InlineData("any", null)]
    public void Conflict_expected_is_a_number_or_null_when_no_version_was_named(string expected, long? number)
    {
        var conflict = ExceptionProblems.Map(new WrongExpectedVersionException("session-1", expected, 4))!;

        Assert.Equal(number, conflict.Extensions["expected"]);
    }

    [Fact]
    public void Storage_errors_hide_their_message_and_transient_ones_ask_for_a_retry()
    {
        var problem = ExceptionProblems.Map(new StorageException("disk /dev/sda1 full at /secret/path"))!;

        Assert.DoesNotContain("/secret/path", problem.Detail, StringComparison.Ordinal);
        Assert.True(ExceptionProblems.IsTransient(new StaleReadException(2, 1)));
        Assert.True(ExceptionProblems.IsTransient(new StorageException("x")));
        Assert.False(ExceptionProblems.IsTransient(new NotFoundException("run", "x")));
        Assert.Null(ExceptionProblems.Map(new InvalidOperationException("unexpected")));
    }

    [Theory]
    [InlineData(typeof(Journal.Api.Endpoints.Sessions.CreateSessionBody), "{\"principal\":\"a\",\"device\":\"d\",\"channel\":\"c\",\"principal\":\"b\"}", "principal")]
    [InlineData(typeof(Journal.Api.Endpoints.Cron.CronJobBody), "{\"name\":\"x\",\"channel\":\"c\",\"payload\":{\"a\":{\"b\":1,\"b\":2}},\"schedule\":{\"kind\":\"Interval\",\"everySeconds\":60}}", "payload")]
    public void Serializer_refuses_a_duplicate_key_that_reaches_it_as_request_duplicate_key(Type type, string json, string field)
    {
        var options = Journal.Api.Http.JsonSetup.Apply(new System.Text.Json.JsonSerializerOptions());

        var exception = Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize(json, type, options));
        var problem = ExceptionProblems.Map(exception)!;

        Assert.Equal("request.duplicate_key", problem.Extensions["code"]);
        Assert.Equal(field, problem.Extensions["field"]);
    }

    [Fact]
    public async Task Payload_over_the_tape_limit_is_413_and_nothing_is_written()
    {
        await using var host = ApiHost.Start(settings: new Dictionary<string, string> { ["Journal:MaxPayloadBytes"] = "1024" });
        var sessionId = await host.CreateSessionAsync();
        using var client = host.Writer();
        var before = await host.HeadAsync();

        using var response = await client.PostAsJsonAsync($"/v1/sessions/{sessionId}/transcript", new { kind = "UserMessage", text = new string('y', 3000) });

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "input.too_large");
        Assert.Equal(before, await host.HeadAsync());
    }
}
