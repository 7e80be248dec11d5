using Hangfire;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Reviews;

/// <summary>The mentor's side of the loop: review a draft, then record sharing it in a conversation.</summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Reviews").RequireAuthorization(Policies.Staff)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/reviews", ListReviews).WithName("ListReviews")
            .WithSummary("Drafts of the students the caller mentors now, and class drafts the caller requested or whose class they teach, by status (default pendingReview)");
        api.MapGet("/drafts/{id:guid}", GetDraft).WithName("GetDraft").WithSummary("One draft with its original, edits and provenance (the student's mentor; for a class draft its requester, a teacher of the class or an admin)");
        api.MapPost("/drafts/{id:guid}/approve", Approve).WithName("ApproveDraft")
            .WithSummary("Approve a pending draft, optionally editing title, drivingQuestion, summary, finalProduct or audience").ProducesProblem(409);
        api.MapPost("/drafts/{id:guid}/reject", Reject).WithName("RejectDraft").WithSummary("Reject a pending draft with a reason").ProducesProblem(409);
        api.MapPost("/drafts/{id:guid}/regenerate", Regenerate).WithName("RegenerateDraft")
            .WithSummary("Draft again with feedback; a pending source draft is rejected with that feedback. Returns the new request")
            .ProducesProblem(409).ProducesProblem(429).RequireRateLimiting(IdeaRateLimit.Policy);
        api.MapPost("/drafts/{id:guid}/deliver", Deliver).WithName("DeliverDraft")
            .WithSummary("Record that you shared an approved draft with the student in a conversation (or introduced a class draft to the class); only then can students see it").ProducesProblem(409);
        return app;
    }

    private static readonly Dictionary<string, DraftStatus?> StatusFilters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pendingReview"] = DraftStatus.PendingReview, ["approved"] = DraftStatus.Approved,
        ["rejected"] = DraftStatus.Rejected, ["delivered"] = DraftStatus.Delivered, ["all"] = null,
    };

    public static async Task<Ok<ItemsResponse<ReviewItem>>> ListReviews(string? status, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        if (!StatusFilters.TryGetValue(status ?? "pendingReview", out var filter))
            throw new RequestValidationException("status", "'status' must be one of pendingReview, approved, rejected, delivered, all.");
        var me = user.UserIdOf();
        var school = user.SchoolIdOf();
        var personal = await (from d in db.Drafts.AsNoTracking()
                              join s in db.Students.AsNoTracking() on d.StudentId equals (Guid?)s.Id
                              where s.CurrentMentorId == me && s.SchoolId == school && (filter == null || d.Status == filter)
                              select new { Draft = d, Name = s.DisplayName }).ToListAsync(ct);
        // Class drafts: those the caller asked for, and those of the classes they teach (never via a student they mentor).
        var forClasses = await (from d in db.Drafts.AsNoTracking()
                                join c in db.Classes.AsNoTracking() on d.ClassId equals (Guid?)c.Id
                                join r in db.IdeaRequests.AsNoTracking() on d.IdeaRequestId equals r.Id
                                where d.SchoolId == school && (filter == null || d.Status == filter)
                                      && (r.RequestedById == me || db.ClassMembers.Any(m => m.ClassId == c.Id && m.StaffId == me && m.Role == Classes.ClassRole.Teacher))
                                select new { Draft = d, Name = c.Title }).ToListAsync(ct);
        var items = personal.Concat(forClasses).OrderBy(r => r.Draft.CreatedAt).ThenBy(r => r.Draft.Ordinal)
            .Select(r => new ReviewItem(r.Draft.Id, DraftResponse.KindOf(r.Draft), r.Draft.StudentId, r.Draft.IsForClass ? null : r.Name,
                r.Draft.ClassId, r.Draft.IsForClass ? r.Name : null, ProjectDraft.StatusName(r.Draft.Status),
                r.Draft.Current.Title, r.Draft.Current.DrivingQuestion, r.Draft.Provenance.Generator, r.Draft.CreatedAt))
            .ToList();
        return TypedResults.Ok(new ItemsResponse<ReviewItem>(items));
    }

    public static async Task<Ok<DraftResponse>> GetDraft(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        return TypedResults.Ok(await ResponseAsync(db, r, ct));
    }

    public static async Task<Ok<DraftResponse>> Approve(Guid id, ApproveRequest? request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, IBackgroundJobClient jobs, AI.AiOptions ai, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request?.Validate();
        r.Draft.Approve(user.UserIdOf(), request?.Trimmed(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        // Edited at approval: with a model, the conversation starters are written again for the project as approved.
        if (ai.UsesModel && r.Draft.Edits is not null) jobs.Enqueue<RefreshStartersJob>(j => j.RunAsync(id, CancellationToken.None));
        return TypedResults.Ok(await ResponseAsync(db, r, ct));
    }

    public static async Task<Ok<DraftResponse>> Reject(Guid id, RejectRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request.Validate();
        r.Draft.Reject(user.UserIdOf(), request.Reason!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ResponseAsync(db, r, ct));
    }

    public static async Task<Accepted<IdeaRequestAccepted>> Regenerate(Guid id, RegenerateRequest request, ClaimsPrincipal user,
        SparkDbContext db, IAuthorizationService auth, IdeaQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request.Validate();
        r.Draft.EnsureCanRegenerate();
        if (r.Draft.Status == DraftStatus.PendingReview)
            r.Draft.Reject(user.UserIdOf(), $"Regenerated with feedback: {request.Feedback!.Trim()}", clock.GetUtcNow());
        // The rejection and the new request are saved together. A class draft is redrafted for the same unit.
        IdeaRequest idea;
        if (r.Class is { } forClass)
        {
            var unit = await db.IdeaRequests.Where(q => q.Id == r.Draft.IdeaRequestId).Select(q => q.ClassUnit).FirstAsync(ct);
            idea = await queue.SubmitForClassAsync(forClass, user.UserIdOf(), unit!, request.Count ?? 1, request.Feedback, r.Draft.Id, ct);
        }
        else
        {
            idea = await queue.SubmitAsync(r.Student!, user.UserIdOf(), request.Count ?? 1, null, request.Feedback, r.Draft.Id, ct);
        }
        return TypedResults.Accepted($"/api/idea-requests/{idea.Id}", new IdeaRequestAccepted(idea.Id, IdeaRequestResponse.StatusName(idea.Status)));
    }

    public static async Task<Ok<DraftResponse>> Deliver(Guid id, DeliverRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request.Validate();
        r.Draft.Deliver(user.UserIdOf(), request.ConversationAt!.Value, request.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ResponseAsync(db, r, ct));
    }

    public static async Task<DraftAccess> LoadForReviewAsync(SparkDbContext db, IAuthorizationService auth, ClaimsPrincipal user,
        Guid id, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == id && d.SchoolId == school, ct) ?? throw new NotFoundException("Draft");
        var resource = await AccessAsync(db, draft, ct);
        await auth.RequireAsync(user, resource, DraftOperation.Review, "Draft");
        return resource;
    }

    /// <summary>What decides who may see a draft: its student, or its class (with members) and who requested it.</summary>
    public static async Task<DraftAccess> AccessAsync(SparkDbContext db, ProjectDraft draft, CancellationToken ct)
    {
        if (draft.ClassId is { } classId)
        {
            var schoolClass = await db.Classes.Include(c => c.Members).FirstAsync(c => c.Id == classId, ct);
            var requestedBy = await db.IdeaRequests.Where(r => r.Id == draft.IdeaRequestId).Select(r => r.RequestedById).FirstAsync(ct);
            return new DraftAccess(draft, null, schoolClass, requestedBy);
        }
        var student = await db.Students.FirstAsync(s => s.Id == draft.StudentId, ct);
        return new DraftAccess(draft, student, null, null);
    }

    public static async Task<DraftResponse> ResponseAsync(SparkDbContext db, DraftAccess r, CancellationToken ct)
    {
        if (r.Class is null) return DraftResponse.From(r.Draft, r.Student?.DisplayName);
        var answers = await db.ClassProjectResponses.Where(x => x.DraftId == r.Draft.Id).Select(x => x.Response).ToListAsync(ct);
        return DraftResponse.From(r.Draft, null, r.Class.Title, ResponseCounts.From(answers));
    }
}
