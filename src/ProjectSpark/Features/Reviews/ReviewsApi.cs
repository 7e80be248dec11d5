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
            .WithSummary("Drafts of the students the caller mentors now, by status (default pendingReview)");
        api.MapGet("/drafts/{id:guid}", GetDraft).WithName("GetDraft").WithSummary("One draft with its original, edits and provenance (the student's mentor)");
        api.MapPost("/drafts/{id:guid}/approve", Approve).WithName("ApproveDraft")
            .WithSummary("Approve a pending draft, optionally editing title, drivingQuestion, summary, finalProduct or audience").ProducesProblem(409);
        api.MapPost("/drafts/{id:guid}/reject", Reject).WithName("RejectDraft").WithSummary("Reject a pending draft with a reason").ProducesProblem(409);
        api.MapPost("/drafts/{id:guid}/regenerate", Regenerate).WithName("RegenerateDraft")
            .WithSummary("Draft again with feedback; a pending source draft is rejected with that feedback. Returns the new request")
            .ProducesProblem(409).ProducesProblem(429).RequireRateLimiting(IdeaRateLimit.Policy);
        api.MapPost("/drafts/{id:guid}/deliver", Deliver).WithName("DeliverDraft")
            .WithSummary("Record that you shared an approved draft with the student in a conversation; only then can the student see it").ProducesProblem(409);
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
        var rows = await (from d in db.Drafts.AsNoTracking()
                          join s in db.Students.AsNoTracking() on d.StudentId equals s.Id
                          where s.CurrentMentorId == me && s.SchoolId == school && (filter == null || d.Status == filter)
                          select new { Draft = d, s.DisplayName }).ToListAsync(ct);
        var items = rows.OrderBy(r => r.Draft.CreatedAt).ThenBy(r => r.Draft.Ordinal)
            .Select(r => new ReviewItem(r.Draft.Id, r.Draft.StudentId, r.DisplayName, ProjectDraft.StatusName(r.Draft.Status),
                r.Draft.Current.Title, r.Draft.Current.DrivingQuestion, r.Draft.Provenance.Generator, r.Draft.CreatedAt))
            .ToList();
        return TypedResults.Ok(new ItemsResponse<ReviewItem>(items));
    }

    public static async Task<Ok<DraftResponse>> GetDraft(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        return TypedResults.Ok(DraftResponse.From(r.Draft, r.Student.DisplayName));
    }

    public static async Task<Ok<DraftResponse>> Approve(Guid id, ApproveRequest? request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request?.Validate();
        r.Draft.Approve(user.UserIdOf(), request?.Trimmed(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DraftResponse.From(r.Draft, r.Student.DisplayName));
    }

    public static async Task<Ok<DraftResponse>> Reject(Guid id, RejectRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request.Validate();
        r.Draft.Reject(user.UserIdOf(), request.Reason!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DraftResponse.From(r.Draft, r.Student.DisplayName));
    }

    public static async Task<Accepted<IdeaRequestAccepted>> Regenerate(Guid id, RegenerateRequest request, ClaimsPrincipal user,
        SparkDbContext db, IAuthorizationService auth, IdeaQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request.Validate();
        r.Draft.EnsureCanRegenerate();
        if (r.Draft.Status == DraftStatus.PendingReview)
            r.Draft.Reject(user.UserIdOf(), $"Regenerated with feedback: {request.Feedback!.Trim()}", clock.GetUtcNow());
        // The rejection and the new request are saved together.
        var idea = await queue.SubmitAsync(r.Student, user.UserIdOf(), request.Count ?? 1, null, request.Feedback, r.Draft.Id, ct);
        return TypedResults.Accepted($"/api/idea-requests/{idea.Id}", new IdeaRequestAccepted(idea.Id, IdeaRequestResponse.StatusName(idea.Status)));
    }

    public static async Task<Ok<DraftResponse>> Deliver(Guid id, DeliverRequest request, ClaimsPrincipal user, SparkDbContext db,
        IAuthorizationService auth, TimeProvider clock, CancellationToken ct)
    {
        var r = await LoadForReviewAsync(db, auth, user, id, ct);
        request.Validate();
        r.Draft.Deliver(user.UserIdOf(), request.ConversationAt!.Value, request.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DraftResponse.From(r.Draft, r.Student.DisplayName));
    }

    private static async Task<DraftWithStudent> LoadForReviewAsync(SparkDbContext db, IAuthorizationService auth, ClaimsPrincipal user,
        Guid id, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == id && d.SchoolId == school, ct) ?? throw new NotFoundException("Draft");
        var student = await db.Students.FirstAsync(s => s.Id == draft.StudentId, ct);
        var resource = new DraftWithStudent(draft, student);
        await auth.RequireAsync(user, resource, DraftOperation.Review, "Draft");
        return resource;
    }
}
