using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Signals;

public sealed record TimelineEvent(DateTimeOffset At, string Kind, string Summary, Guid? DraftId);

/// <summary>Attendance in the 30 enrolled school days before the first delivery, and in the 30 from it on.</summary>
public sealed record DeliveryEffect(DateTimeOffset FirstDeliveryAt, double? RateBefore, int DaysBefore, double? RateAfter, int DaysAfter);

public sealed record TimelineResponse(Guid StudentId, IReadOnlyList<TimelineEvent> Events, DeliveryEffect? Effect);

/// <summary>
/// The closed loop for one student: flags, check-ins, drafts, deliveries and responses in time order, and whether
/// attendance moved after the first project was shared. This is how a school judges whether ProjectSpark helps.
/// </summary>
public static class TimelineApi
{
    public const int WindowDays = 30;

    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/students/{id:guid}/timeline", GetTimeline).WithTags("Signals").WithName("GetTimeline")
            .WithSummary("Flags, check-ins, drafts, deliveries, responses, and attendance 30 school days before and after the first delivery (admin or current mentor)")
            .RequireAuthorization(Policies.Staff).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return app;
    }

    public static async Task<Ok<TimelineResponse>> GetTimeline(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var student = await StudentsApi.LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.RequestIdeas, "Student");
        var events = new List<TimelineEvent>();

        foreach (var f in await db.Flags.AsNoTracking().Where(f => f.StudentId == id).ToListAsync(ct))
            events.Add(new(f.RaisedAt, "flag", $"{f.Type}: {f.Detail}", null));
        foreach (var c in await db.CheckIns.AsNoTracking().Where(c => c.StudentId == id).ToListAsync(ct))
            events.Add(new(c.At, "checkIn", c.Kind.ToString(), null));
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.StudentId == id).ToListAsync(ct);
        foreach (var d in drafts)
        {
            events.Add(new(d.CreatedAt, "draft", d.Current.Title, d.Id));
            if (d.ReviewedAt is { } reviewed)
                events.Add(new(reviewed, d.RejectionReason is null ? "approved" : "rejected", d.RejectionReason ?? d.Current.Title, d.Id));
            if (d.ConversationAt is { } shared) events.Add(new(shared, "delivered", d.Current.Title, d.Id));
            if (d.RespondedAt is { } responded && d.Response is { } r)
                events.Add(new(responded, "response", $"{DraftResponse.ResponseName(r)}: {d.Current.Title}", d.Id));
        }

        DeliveryEffect? effect = null;
        var first = drafts.Where(d => d.ConversationAt is not null).Select(d => d.ConversationAt!.Value).DefaultIfEmpty().Min();
        if (first != default)
        {
            var day = DateOnly.FromDateTime(first.UtcDateTime);
            var before = await db.Attendance.AsNoTracking().Where(a => a.StudentId == id && a.Date < day)
                .OrderByDescending(a => a.Date).Take(WindowDays).Select(a => a.Status).ToListAsync(ct);
            var after = await db.Attendance.AsNoTracking().Where(a => a.StudentId == id && a.Date >= day)
                .OrderBy(a => a.Date).Take(WindowDays).Select(a => a.Status).ToListAsync(ct);
            effect = new DeliveryEffect(first, Rate(before), before.Count, Rate(after), after.Count);
        }
        return TypedResults.Ok(new TimelineResponse(id, events.OrderBy(e => e.At).ToList(), effect));
    }

    private static double? Rate(List<AttendanceStatus> days) =>
        days.Count == 0 ? null : Math.Round(1 - (double)days.Count(AttendanceRecord.IsAbsence) / days.Count, 4);
}
