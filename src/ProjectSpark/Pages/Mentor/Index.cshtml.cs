using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.CheckIns;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Relationships;
using ProjectSpark.Features.Signals;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages.Mentor;

/// <summary>The mentor's desk: what is drafting, what to review, what to share, and their students.</summary>
[EnableRateLimiting(IdeaRateLimit.Policy)]
public sealed class IndexModel(SparkDbContext db, IAuthorizationService auth, IdeaQueue queue, TimeProvider clock,
    Hangfire.IBackgroundJobClient jobs, ProjectSpark.AI.AiOptions ai) : SparkPageModel
{
    public IReadOnlyList<DraftResponse> ToReview { get; private set; } = [];
    public IReadOnlyList<DraftResponse> ToShare { get; private set; } = [];
    public IReadOnlyList<DraftResponse> Shared { get; private set; } = [];
    public IReadOnlyList<StudentResponse> Students { get; private set; } = [];
    public IReadOnlyList<(IdeaRequest Request, string Student)> Drafting { get; private set; } = [];
    /// <summary>Students whose latest request failed: the mentor can have it drafted offline instead.</summary>
    public IReadOnlyList<(IdeaRequest Request, string Student)> Failed { get; private set; } = [];
    public DateTime Now => clock.GetLocalNow().DateTime;
    public IReadOnlyDictionary<Guid, DateTimeOffset> LastCheckIn { get; private set; } = new Dictionary<Guid, DateTimeOffset>();
    public IReadOnlyList<string> MyInterests { get; private set; } = [];
    public IReadOnlyList<FollowUpView> FollowUps { get; private set; } = [];
    public ILookup<Guid, StudentFlag> Flags { get; private set; } = Array.Empty<StudentFlag>().ToLookup(f => f.StudentId);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserIdOf();
        var school = User.SchoolIdOf();
        Students = (await StudentsApi.ListStudents(User, db, ct)).Value!.Items.Where(s => s.MentorId == me).ToList();
        var names = Students.ToDictionary(s => s.Id, s => s.DisplayName);
        var drafts = await db.Drafts.AsNoTracking()
            .Where(d => d.SchoolId == school && db.Students.Any(s => s.Id == d.StudentId && s.CurrentMentorId == me))
            .ToListAsync(ct);
        var views = drafts.OrderBy(d => d.CreatedAt).ThenBy(d => d.Ordinal).Select(d => DraftResponse.From(d, names.GetValueOrDefault(d.StudentId!.Value, ""))).ToList();
        ToReview = views.Where(d => d.Status == "pendingReview").ToList();
        ToShare = views.Where(d => d.Status == "approved").ToList();
        Shared = views.Where(d => d.Status == "delivered").OrderByDescending(d => d.Delivery!.DeliveredAt).ToList();
        var open = await db.IdeaRequests.AsNoTracking()
            .Where(r => r.SchoolId == school && (r.Status == IdeaRequestStatus.Queued || r.Status == IdeaRequestStatus.Drafting))
            .ToListAsync(ct);
        Drafting = open.Where(r => r.StudentId is { } s && names.ContainsKey(s)).Select(r => (r, names[r.StudentId!.Value])).ToList();
        var ids = names.Keys.ToList();
        var requestIds = ids.Select(i => (Guid?)i).ToList();
        var failed = await db.IdeaRequests.AsNoTracking().Where(r => requestIds.Contains(r.StudentId) && r.Status == IdeaRequestStatus.Failed
            && !db.IdeaRequests.Any(later => later.StudentId == r.StudentId && later.CreatedAt > r.CreatedAt)).ToListAsync(ct);
        Failed = failed.Select(r => (r, names[r.StudentId!.Value])).ToList();
        LastCheckIn = await db.CheckIns.Where(c => ids.Contains(c.StudentId)).GroupBy(c => c.StudentId)
            .Select(g => new { g.Key, Last = g.Max(c => c.At) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        MyInterests = (await db.Staff.AsNoTracking().FirstAsync(s => s.Id == me, ct)).Interests;
        FollowUps = (await SignalsApi.ListFollowUps(User, db, clock, ct)).Value!.Items;
        Flags = (await db.Flags.AsNoTracking().Where(f => ids.Contains(f.StudentId)).ToListAsync(ct)).ToLookup(f => f.StudentId);
    }

    /// <summary>Polled by the page while drafting runs.</summary>
    public Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) => IdeaStatusAsync(id, db, auth, ct);

    public Task<IActionResult> OnPostRequestAsync(Guid studentId, int? count, string? focus, CancellationToken ct) =>
        Act(() => IdeasApi.RequestIdeas(studentId, new CreateIdeaRequest(count, focus), User, db, auth, queue, ct),
            "Drafting ideas. They will appear below for your review in a moment.");

    public Task<IActionResult> OnPostRedraftOfflineAsync(Guid id, CancellationToken ct) =>
        Act(() => IdeasApi.RedraftOffline(id, User, db, auth, queue, ct),
            "Drafting with the offline pattern library instead. The ideas will appear below for your review in a moment.");

    public Task<IActionResult> OnPostCheckInAsync(Guid studentId, DateTime? at, string? kind, string? note, string? interestsHeard, CancellationToken ct) =>
        Act(() => CheckInsApi.LogCheckIn(studentId, new CheckInRequest(at is { } t ? new DateTimeOffset(t, clock.GetLocalNow().Offset) : null, kind, note,
                SplitList(interestsHeard)), User, db, auth, clock, ct), "Check-in logged.");

    public Task<IActionResult> OnPostFollowedUpAsync(Guid id, CancellationToken ct) =>
        Act(() => SignalsApi.CompleteFollowUp(id, User, db, clock, ct), "Follow-up done.");

    public Task<IActionResult> OnPostMyInterestsAsync(string? interests, CancellationToken ct) =>
        Act(() => RelationshipsApi.SetMyInterests(new StaffInterestsRequest(SplitList(interests)), User, db, ct),
            "Saved. Admins will see students who share your interests.");

    private static string[] SplitList(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? title, string? drivingQuestion, string? summary,
        string? finalProduct, string? audience, CancellationToken ct) => Act(async () =>
    {
        var current = (await ReviewsApi.GetDraft(id, User, db, auth, ct)).Value!;
        var edits = EditsFrom(current, title, drivingQuestion, summary, finalProduct, audience);
        await ReviewsApi.Approve(id, new ApproveRequest(edits), User, db, auth, jobs, ai, clock, ct);
    }, "Approved. Share it with the student in a conversation, then record that here.");

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) =>
        Act(() => ReviewsApi.Reject(id, new RejectRequest(reason), User, db, auth, clock, ct), "Rejected. The reason is kept with the draft.");

    public Task<IActionResult> OnPostRegenerateAsync(Guid id, string? feedback, CancellationToken ct) =>
        Act(() => ReviewsApi.Regenerate(id, new RegenerateRequest(feedback, 1), User, db, auth, queue, clock, ct),
            "Drafting a new idea with your feedback.");

    public Task<IActionResult> OnPostDeliverAsync(Guid id, DateTime? conversationAt, string? note, CancellationToken ct) =>
        Act(() => ReviewsApi.Deliver(id, new DeliverRequest(conversationAt is { } at ? new DateTimeOffset(at, clock.GetLocalNow().Offset) : null, note),
            User, db, auth, clock, ct), "Recorded. The student can now see this project.");
}
