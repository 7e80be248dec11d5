using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Portal;

/// <summary>The student's side: only projects an adult approved and then shared with them in a conversation.</summary>
public static class PortalApi
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/portal/projects").WithTags("Portal").RequireAuthorization(Policies.Student)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/", ListProjects).WithName("ListMyProjects").WithSummary("The projects your mentor shared with you");
        api.MapGet("/{id:guid}", GetProject).WithName("GetMyProject").WithSummary("One project your mentor shared with you");
        api.MapPost("/{id:guid}/response", Respond).WithName("RespondToProject")
            .WithSummary("Say whether the project sparks you: sparked, maybe, notForMe or started").ProducesProblem(400);
        return app;
    }

    public static async Task<Ok<ItemsResponse<PortalProject>>> ListProjects(ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var me = user.UserIdOf();
        var rows = await (from d in db.Drafts.AsNoTracking()
                          where d.StudentId == me && d.Status == DraftStatus.Delivered
                          join s in db.Staff.AsNoTracking() on d.DeliveredById equals s.Id into sharers
                          from s in sharers.DefaultIfEmpty()
                          select new { Draft = d, SharedBy = s == null ? null : s.Name }).ToListAsync(ct);
        var items = rows.OrderByDescending(r => r.Draft.DeliveredAt).Select(r => PortalProject.From(r.Draft, r.SharedBy)).ToList();
        return TypedResults.Ok(new ItemsResponse<PortalProject>(items));
    }

    public static async Task<Ok<PortalProject>> GetProject(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var draft = await LoadAsync(db, auth, user, id, ct);
        return TypedResults.Ok(PortalProject.From(draft, await SharedByAsync(db, draft, ct)));
    }

    public static async Task<Ok<PortalProject>> Respond(Guid id, RespondRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var draft = await LoadAsync(db, auth, user, id, ct);
        var kind = request.Validated();
        draft.Respond(kind, request.Comment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PortalProject.From(draft, await SharedByAsync(db, draft, ct)));
    }

    private static async Task<ProjectDraft> LoadAsync(SparkDbContext db, IAuthorizationService auth, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var me = user.UserIdOf();
        // Anything not yet delivered to this student is "not found": not even its existence is revealed.
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == id && d.StudentId == me, ct) ?? throw new NotFoundException("Project");
        var student = await db.Students.FirstAsync(s => s.Id == me, ct);
        await auth.RequireAsync(user, new DraftWithStudent(draft, student), DraftOperation.ViewAsStudent, "Project");
        return draft;
    }

    private static async Task<string?> SharedByAsync(SparkDbContext db, ProjectDraft d, CancellationToken ct) =>
        await db.Staff.Where(s => s.Id == d.DeliveredById).Select(s => s.Name).FirstOrDefaultAsync(ct);
}
