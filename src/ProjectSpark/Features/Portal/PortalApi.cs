using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;
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
        api.MapGet("/", ListProjects).WithName("ListMyProjects")
            .WithSummary("The projects your mentor shared with you (kind personal), and those your teachers introduced to your classes (kind class)");
        api.MapGet("/{id:guid}", GetProject).WithName("GetMyProject").WithSummary("One project shared with you or introduced to your class");
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
        var personal = rows.Select(r => PortalProject.From(r.Draft, r.SharedBy));
        var forClasses = await (from d in db.Drafts.AsNoTracking()
                                join c in db.Classes.AsNoTracking() on d.ClassId equals (Guid?)c.Id
                                where d.Status == DraftStatus.Delivered
                                      && db.ClassMembers.Any(m => m.ClassId == c.Id && m.StudentId == me && m.Role == ClassRole.Student)
                                join s in db.Staff.AsNoTracking() on d.DeliveredById equals s.Id into sharers
                                from s in sharers.DefaultIfEmpty()
                                select new { Draft = d, c.Title, SharedBy = s == null ? null : s.Name }).ToListAsync(ct);
        var ids = forClasses.Select(r => r.Draft.Id).ToList();
        var mine = await db.ClassProjectResponses.AsNoTracking().Where(x => x.StudentId == me && ids.Contains(x.DraftId)).ToDictionaryAsync(x => x.DraftId, ct);
        var items = personal.Concat(forClasses.Select(r => PortalProject.FromClass(r.Draft, r.SharedBy, r.Title, mine.GetValueOrDefault(r.Draft.Id))))
            .OrderByDescending(p => p.SharedAt).ToList();
        return TypedResults.Ok(new ItemsResponse<PortalProject>(items));
    }

    public static async Task<Ok<PortalProject>> GetProject(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var access = await LoadAsync(db, auth, user, id, ct);
        return TypedResults.Ok(await ViewAsync(db, access, user.UserIdOf(), ct));
    }

    public static async Task<Ok<PortalProject>> Respond(Guid id, RespondRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var access = await LoadAsync(db, auth, user, id, ct);
        var kind = request.Validated();
        var me = user.UserIdOf();
        var now = clock.GetUtcNow();
        if (access.Draft.IsForClass)
        {
            var existing = await db.ClassProjectResponses.FirstOrDefaultAsync(x => x.DraftId == id && x.StudentId == me, ct);
            if (existing is null) db.ClassProjectResponses.Add(access.Draft.RespondAsClassmate(me, kind, request.Comment, now));
            else existing.Change(kind, request.Comment, now);
        }
        else
        {
            access.Draft.Respond(kind, request.Comment, now);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, access, me, ct));
    }

    private static async Task<DraftAccess> LoadAsync(SparkDbContext db, IAuthorizationService auth, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var me = user.UserIdOf();
        var school = user.SchoolIdOf();
        // Anything not yet delivered to this student (or to a class they are in) is "not found": not even its existence is revealed.
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == id && d.SchoolId == school && (d.StudentId == me || d.ClassId != null), ct)
            ?? throw new NotFoundException("Project");
        var access = await ReviewsApi.AccessAsync(db, draft, ct);
        await auth.RequireAsync(user, access, DraftOperation.ViewAsStudent, "Project");
        return access;
    }

    private static async Task<PortalProject> ViewAsync(SparkDbContext db, DraftAccess access, Guid me, CancellationToken ct)
    {
        var sharedBy = await SharedByAsync(db, access.Draft, ct);
        if (access.Class is null) return PortalProject.From(access.Draft, sharedBy);
        var mine = await db.ClassProjectResponses.AsNoTracking().FirstOrDefaultAsync(x => x.DraftId == access.Draft.Id && x.StudentId == me, ct);
        return PortalProject.FromClass(access.Draft, sharedBy, access.Class.Title, mine);
    }

    private static async Task<string?> SharedByAsync(SparkDbContext db, ProjectDraft d, CancellationToken ct) =>
        await db.Staff.Where(s => s.Id == d.DeliveredById).Select(s => s.Name).FirstOrDefaultAsync(ct);
}
