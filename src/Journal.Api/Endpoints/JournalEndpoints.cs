using Journal.Api.Endpoints.Admin;
using Journal.Api.Endpoints.Approvals;
using Journal.Api.Endpoints.Canvas;
using Journal.Api.Endpoints.Cron;
using Journal.Api.Endpoints.Health;
using Journal.Api.Endpoints.Memory;
using Journal.Api.Endpoints.Proofs;
using Journal.Api.Endpoints.Runs;
using Journal.Api.Endpoints.Sessions;
using Journal.Api.Endpoints.Tape;
using Journal.Api.Endpoints.ToolJobs;
using Journal.Api.Endpoints.Transcript;
using Journal.Api.Endpoints.Workspace;

namespace Journal.Api.Endpoints;

/// <summary>Maps every endpoint group of the service.</summary>
internal static class JournalEndpoints
{
    public static void MapJournalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapJournalHealth();
        app.MapTape();
        app.MapProofs();
        app.MapAdmin();
        app.MapOperations();
        app.MapSessionQueries();
        app.MapSessionDeltaQueries();
        app.MapSessionCommands();
        app.MapTranscriptQueries();
        app.MapTranscriptCommands();
        app.MapRunQueries();
        app.MapRunCommands();
        app.MapToolJobQueries();
        app.MapToolJobCommands();
        app.MapApprovalQueries();
        app.MapApprovalCommands();
        app.MapWorkspaceQueries();
        app.MapWorkspaceVersionQueries();
        app.MapWorkspaceCommands();
        app.MapMemoryQueries();
        app.MapMemoryCommands();
        app.MapCanvasQueries();
        app.MapCanvasCommands();
        app.MapCronQueries();
        app.MapCronCommands();
    }
}
