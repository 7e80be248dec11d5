using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages.Teacher;

/// <summary>The teacher's desk: my classes, ideas for a unit, the review queue of class drafts, and how classes answered.</summary>
[EnableRateLimiting(IdeaRateLimit.Policy)]
public sealed class IndexModel(SparkDbContext db, IAuthorizationService auth, IdeaQueue queue, TimeProvider clock,
    Hangfire.IBackgroundJobClient jobs, ProjectSpark.AI.AiOptions ai) : SparkPageModel
{
    public IReadOnlyList<ClassResponse> Classes { get; private set; } = [];
    public IReadOnlyList<DraftResponse> ToReview { get; private set; } = [];
    public IReadOnlyList<DraftResponse> ToIntroduce { get; private set; } = [];
    public IReadOnlyList<DraftResponse> Introduced { get; private set; } = [];
    public IReadOnlyList<(IdeaRequest Request, string ClassTitle)> Drafting { get; private set; } = [];
    /// <summary>A class's latest request, when it failed: the teacher can have it drafted offline instead.</summary>
    public IReadOnlyList<(IdeaRequest Request, string ClassTitle)> Failed { get; private set; } = [];
    public DateTime Now => clock.GetLocalNow().DateTime;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserIdOf();
        var school = User.SchoolIdOf();
        // Teachers see the classes they teach (admins every class), as on GET /api/classes.
        Classes = (await ClassesApi.ListClasses(User, db, ct)).Value!.Items;
        var mine = (await ReviewsApi.ListReviews("all", User, db, ct)).Value!.Items.Where(i => i.Kind == "class").ToList();
        var ids = mine.Select(i => i.Id).ToList();
        var titles = mine.ToDictionary(i => i.Id, i => i.ClassTitle);
        var drafts = await db.Drafts.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var answers = (await db.ClassProjectResponses.AsNoTracking().Where(r => ids.Contains(r.DraftId)).Select(r => new { r.DraftId, r.Response })
            .ToListAsync(ct)).ToLookup(r => r.DraftId, r => r.Response);
        var views = drafts.OrderBy(d => d.CreatedAt).ThenBy(d => d.Ordinal)
            .Select(d => DraftResponse.From(d, null, titles[d.Id], ResponseCounts.From(answers[d.Id]))).ToList();
        ToReview = views.Where(d => d.Status == "pendingReview").ToList();
        ToIntroduce = views.Where(d => d.Status == "approved").ToList();
        Introduced = views.Where(d => d.Status == "delivered").OrderByDescending(d => d.Delivery!.DeliveredAt).ToList();

        var classIds = Classes.Select(c => c.Id).ToList();
        var open = await db.IdeaRequests.AsNoTracking()
            .Where(r => r.SchoolId == school && r.ClassId != null && (r.Status == IdeaRequestStatus.Queued || r.Status == IdeaRequestStatus.Drafting)
                        && (classIds.Contains(r.ClassId!.Value) || r.RequestedById == me))
            .ToListAsync(ct);
        var failed = await db.IdeaRequests.AsNoTracking()
            .Where(r => r.SchoolId == school && r.ClassId != null && r.Status == IdeaRequestStatus.Failed
                        && (classIds.Contains(r.ClassId!.Value) || r.RequestedById == me)
                        && !db.IdeaRequests.Any(later => later.ClassId == r.ClassId && later.CreatedAt > r.CreatedAt))
            .ToListAsync(ct);
        var shown = open.Concat(failed).Select(r => r.ClassId).ToList();
        var classTitles = await db.Classes.AsNoTracking().Where(c => shown.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        Drafting = open.Select(r => (r, classTitles.GetValueOrDefault(r.ClassId!.Value, "your class"))).ToList();
        Failed = failed.Select(r => (r, classTitles.GetValueOrDefault(r.ClassId!.Value, "your class"))).ToList();
    }

    /// <summary>Polled by the page while drafting runs.</summary>
    public Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) => IdeaStatusAsync(id, db, auth, ct);

    public Task<IActionResult> OnPostRequestAsync(Guid classId, string? unit, string? subject, int? gradeLevel, string? standards,
        int? durationWeeks, int? count, CancellationToken ct) =>
        Act(() => ClassesApi.RequestClassIdeas(classId, new CreateClassIdeaRequest(unit, subject, gradeLevel,
                (standards ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), durationWeeks, count),
                User, db, auth, queue, ct),
            "Drafting ideas for your class. They will appear below for your review in a moment.");

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? title, string? drivingQuestion, string? summary,
        string? finalProduct, string? audience, CancellationToken ct) => Act(async () =>
    {
        var current = (await ReviewsApi.GetDraft(id, User, db, auth, ct)).Value!;
        await ReviewsApi.Approve(id, new ApproveRequest(EditsFrom(current, title, drivingQuestion, summary, finalProduct, audience)), User, db, auth, jobs, ai, clock, ct);
    }, "Approved. Introduce it to the class, then record that here.");

    public Task<IActionResult> OnPostRedraftOfflineAsync(Guid id, CancellationToken ct) =>
        Act(() => IdeasApi.RedraftOffline(id, User, db, auth, queue, ct),
            "Drafting offline instead. The ideas will appear below for your review in a moment.");

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) =>
        Act(() => ReviewsApi.Reject(id, new RejectRequest(reason), User, db, auth, clock, ct), "Rejected. The reason is kept with the draft.");

    public Task<IActionResult> OnPostRegenerateAsync(Guid id, string? feedback, CancellationToken ct) =>
        Act(() => ReviewsApi.Regenerate(id, new RegenerateRequest(feedback, 1), User, db, auth, queue, clock, ct),
            "Drafting a new idea for the unit with your feedback.");

    public Task<IActionResult> OnPostDeliverAsync(Guid id, DateTime? conversationAt, string? note, CancellationToken ct) =>
        Act(() => ReviewsApi.Deliver(id, new DeliverRequest(conversationAt is { } at ? new DateTimeOffset(at, clock.GetLocalNow().Offset) : null, note),
            User, db, auth, clock, ct), "Recorded. Students of the class can now see this project.");
}
