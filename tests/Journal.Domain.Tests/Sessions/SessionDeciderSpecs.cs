using Journal.Domain.Errors;
using Journal.Domain.Sessions;
using Journal.Domain.Tests.Deciding;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Sessions;

public class SessionDeciderSpecs
{
    private static readonly Guid Id = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid RunA = Guid.Parse("22222222-0000-0000-0000-00000000000a");
    private static readonly Guid RunB = Guid.Parse("22222222-0000-0000-0000-00000000000b");

    private static readonly SessionCreated Created = new(Id, "alice", "laptop", "cli", "chat-1", "First", T0);
    private static readonly SessionArchived Archived = new(Id, "chat-1", null, T1);
    private static readonly SessionForegroundRunAttached AttachedA = new(Id, RunA, T1);

    private static Spec<SessionCommand, ISessionEvent, SessionState> Session =>
        new(SessionDecider.Initial, SessionDecider.Decide, SessionDecider.Evolve);

    [Fact]
    public void Given_nothing_When_create_Then_created() =>
        Session.Given()
            .When(new CreateSession(Id, "alice", "laptop", "cli", null, null, T0))
            .Then(new SessionCreated(Id, "alice", "laptop", "cli", null, null, T0));

    [Fact]
    public void Given_nothing_When_create_with_key_and_label_Then_created_with_both() =>
        Session.Given()
            .When(new CreateSession(Id, "alice", "laptop", "cli", "chat-1", "First", T0))
            .Then(Created);

    [Fact]
    public void Given_created_When_create_again_Then_session_already_exists() =>
        Session.Given(Created)
            .When(new CreateSession(Id, "alice", "laptop", "cli", null, null, T1))
            .ThenThrows<RuleViolationException>("session.already_exists");

    public static TheoryData<string, string?, string?, string?, string?, string?> InvalidCreates()
    {
        var longText = new string('x', 129);
        return new()
        {
            { "Principal", "", "d", "c", null, null },
            { "Principal", "   ", "d", "c", null, null },
            { "Principal", longText, "d", "c", null, null },
            { "Principal", "al\u0007ice", "d", "c", null, null },
            { "Device", "p", "", "c", null, null },
            { "Device", "p", longText, "c", null, null },
            { "Channel", "p", "d", "", null, null },
            { "Channel", "p", "d", new string('c', 65), null, null },
            { "SessionKey", "p", "d", "c", "", null },
            { "SessionKey", "p", "d", "c", "has space", null },
            { "SessionKey", "p", "d", "c", "a/b", null },
            { "SessionKey", "p", "d", "c", "ünï", null },
            { "SessionKey", "p", "d", "c", "..", null },
            { "SessionKey", "p", "d", "c", longText, null },
            { "Label", "p", "d", "c", null, "" },
            { "Label", "p", "d", "c", null, "  " },
            { "Label", "p", "d", "c", null, new string('l', 201) },
            { "Label", "p", "d", "c", null, "line\nbreak" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public void Given_nothing_When_create_with_an_invalid_field_Then_validation_names_the_field(
        string field, string? principal, string? device, string? channel, string? key, string? label) =>
        Session.Given()
            .When(new CreateSession(Id, principal!, device!, channel!, key, label, T0))
            .ThenInvalid(field);

    [Fact]
    public void Given_nothing_When_create_with_the_empty_id_Then_validation_names_SessionId() =>
        Session.Given()
            .When(new CreateSession(Guid.Empty, "p", "d", "c", null, null, T0))
            .ThenInvalid("SessionId");

    [Fact]
    public void Given_nothing_When_create_at_the_length_limits_Then_created()
    {
        var principal = new string('p', SessionLimits.PrincipalMaxLength);
        var key = new string('k', SessionLimits.KeyMaxLength);
        Session.Given()
            .When(new CreateSession(Id, principal, "d", "c", key, "Ünïcode label ✓", T0))
            .Then(new SessionCreated(Id, principal, "d", "c", key, "Ünïcode label ✓", T0));
    }

    public static TheoryData<SessionCommand> CommandsOnAnExistingSession() => new()
    {
        new RenameSession(Id, "x", T1),
        new ArchiveSession(Id, null, T1),
        new AttachForegroundRun(Id, RunA, T1),
        new DetachForegroundRun(Id, RunA, T1),
    };

    [Theory]
    [MemberData(nameof(CommandsOnAnExistingSession))]
    public void Given_nothing_When_changing_Then_session_not_found(SessionCommand command) =>
        Session.Given().When(command).ThenThrows<NotFoundException>("session.not_found");

    [Fact]
    public void Given_created_When_rename_Then_renamed() =>
        Session.Given(Created)
            .When(new RenameSession(Id, "Second", T1))
            .Then(new SessionRenamed(Id, "Second", T1));

    [Fact]
    public void Given_created_When_rename_to_the_same_label_Then_nothing() =>
        Session.Given(Created).When(new RenameSession(Id, "First", T1)).ThenNothing();

    [Fact]
    public void Given_created_When_rename_to_an_empty_label_Then_validation_names_Label() =>
        Session.Given(Created).When(new RenameSession(Id, "", T1)).ThenInvalid("Label");

    [Fact]
    public void Given_created_When_archive_Then_archived_with_its_key() =>
        Session.Given(Created)
            .When(new ArchiveSession(Id, "done", T1))
            .Then(new SessionArchived(Id, "chat-1", "done", T1));

    [Fact]
    public void Given_foreground_run_attached_When_archive_Then_session_foreground_run_active() =>
        Session.Given(Created, AttachedA)
            .When(new ArchiveSession(Id, null, T2))
            .ThenThrows<RuleViolationException>("session.foreground_run_active");

    [Fact]
    public void Given_foreground_run_detached_When_archive_Then_archived() =>
        Session.Given(Created, AttachedA, new SessionForegroundRunDetached(Id, RunA, T2))
            .When(new ArchiveSession(Id, null, T3))
            .Then(new SessionArchived(Id, "chat-1", null, T3));

    public static TheoryData<SessionCommand> ChangesRefusedWhenArchived() => new()
    {
        new RenameSession(Id, "x", T2),
        new ArchiveSession(Id, null, T2),
        new AttachForegroundRun(Id, RunA, T2),
    };

    [Theory]
    [MemberData(nameof(ChangesRefusedWhenArchived))]
    public void Given_archived_When_changing_Then_session_archived(SessionCommand command) =>
        Session.Given(Created, Archived).When(command).ThenThrows<RuleViolationException>("session.archived");

    [Fact]
    public void Given_created_When_attach_foreground_run_Then_attached() =>
        Session.Given(Created)
            .When(new AttachForegroundRun(Id, RunA, T1))
            .Then(AttachedA);

    [Fact]
    public void Given_a_foreground_run_attached_When_attach_another_Then_run_already_active() =>
        Session.Given(Created, AttachedA)
            .When(new AttachForegroundRun(Id, RunB, T2))
            .ThenThrows<RuleViolationException>("run.already_active");

    [Fact]
    public void Given_a_foreground_run_attached_When_attach_it_again_Then_nothing() =>
        Session.Given(Created, AttachedA).When(new AttachForegroundRun(Id, RunA, T2)).ThenNothing();

    [Fact]
    public void Given_created_When_attach_the_empty_run_id_Then_validation_names_RunId() =>
        Session.Given(Created).When(new AttachForegroundRun(Id, Guid.Empty, T1)).ThenInvalid("RunId");

    [Fact]
    public void Given_a_foreground_run_attached_When_detach_it_Then_detached() =>
        Session.Given(Created, AttachedA)
            .When(new DetachForegroundRun(Id, RunA, T2))
            .Then(new SessionForegroundRunDetached(Id, RunA, T2));

    [Fact]
    public void Given_a_foreground_run_detached_When_attach_another_Then_attached() =>
        Session.Given(Created, AttachedA, new SessionForegroundRunDetached(Id, RunA, T2))
            .When(new AttachForegroundRun(Id, RunB, T3))
            .Then(new SessionForegroundRunAttached(Id, RunB, T3));

    [Fact]
    public void Given_a_foreground_run_attached_When_detach_another_Then_foreground_run_not_attached() =>
        Session.Given(Created, AttachedA)
            .When(new DetachForegroundRun(Id, RunB, T2))
            .ThenThrows<RuleViolationException>("session.foreground_run_not_attached");

    [Fact]
    public void Given_no_foreground_run_When_detach_Then_foreground_run_not_attached() =>
        Session.Given(Created)
            .When(new DetachForegroundRun(Id, RunA, T2))
            .ThenThrows<RuleViolationException>("session.foreground_run_not_attached");

    [Fact]
    public void Given_created_renamed_and_archived_When_evolved_Then_identity_fields_never_changed()
    {
        var state = Session.Given(Created, new SessionRenamed(Id, "Renamed", T1), new SessionArchived(Id, "chat-1", null, T2)).State;

        Assert.Equal(
            new SessionState(true, Id, "alice", "laptop", "cli", "chat-1", "Renamed", true, null),
            state);
    }

    [Fact]
    public void Given_nothing_When_stream_named_Then_session_dash_id() =>
        Assert.Equal("session-11111111-0000-0000-0000-000000000001", SessionDecider.StreamFor(Id).Value);
}
