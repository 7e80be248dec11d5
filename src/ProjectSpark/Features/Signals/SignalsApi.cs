using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectSpark.Data;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Signals;

/// <summary>
/// Engagement signals start conversations; they never send messages. Attendance and grades come in (admins),
/// flags are recomputed for the school, and new flags become follow-ups for the adult who knows the student.
/// </summary>
public static class SignalsApi
{
    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Signals").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/attendance", ImportAttendance).WithName("ImportAttendance")
            .WithSummary("Record attendance (present, absent, tardy, excused); one record per student and day, later replaces earlier (admin)").RequireAuthorization(Policies.Admin);
        api.MapPost("/grades", ImportGrades).WithName("ImportGrades")
            .WithSummary("Record course grades per term; one per student, course and term (admin)").RequireAuthorization(Policies.Admin);
        api.MapGet("/students/{id:guid}/signals", GetSignals).WithName("GetSignals")
            .WithSummary("Attendance rate and current flags (admin or the student's current mentor)").RequireAuthorization(Policies.Staff);
        api.MapGet("/follow-ups", ListFollowUps).WithName("ListFollowUps")
            .WithSummary("Open follow-ups: yours, and for admins those of students with no mentor; overdue first").RequireAuthorization(Policies.Staff);
        api.MapPost("/follow-ups/{id:guid}/complete", CompleteFollowUp).WithName("CompleteFollowUp")
            .WithSummary("Mark a follow-up done (its assignee, or an admin)").RequireAuthorization(Policies.Staff);
        return app;
    }

    public static async Task<Ok<ImportResult>> ImportAttendance(AttendanceImport request, ClaimsPrincipal user, SparkDbContext db,
        SignalCalculator signals, TimeProvider clock, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var errors = new FieldErrors();
        SignalValidation.RequireList(request.Records, "records", errors);
        errors.ThrowIfAny();
        var records = request.Records!;
        var ids = records.Select(r => r.StudentId).OfType<Guid>().Distinct().ToList();
        var known = (await db.Students.Where(s => s.SchoolId == school && ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var parsed = new List<(Guid Student, DateOnly Date, AttendanceStatus Status)>();
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            var status = default(AttendanceStatus);
            errors.When(r.StudentId is not { } id || !known.Contains(id), $"records[{i}].studentId", "No student with this id at your school.")
                .When(r.Date is null, $"records[{i}].date", "'date' is required (yyyy-MM-dd).")
                .When(r.Status is null || !SignalValidation.Statuses.TryGetValue(r.Status, out status), $"records[{i}].status", "'status' must be present, absent, tardy or excused.");
            if (r.StudentId is { } sid && r.Date is { } d) parsed.Add((sid, d, status));
        }
        errors.ThrowIfAny();

        var (created, updated) = await UpsertAttendanceAsync(db, school, parsed, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new ImportResult(created, updated, await signals.RecomputeAsync(school, ct)));
    }

    /// <summary>
    /// One grade per student, course (ignoring case) and term: a later one replaces it, within a batch and across
    /// batches. A course is core when the row says so, else when it is in Signals:CoreCourses.
    /// </summary>
    internal static async Task<(int Created, int Updated)> UpsertGradesAsync(SparkDbContext db, Guid school,
        IEnumerable<(Guid Student, string Course, string Term, decimal Percent, bool? Core)> rows, SignalThresholds thresholds,
        DateTimeOffset now, CancellationToken ct, bool save = true)
    {
        var latest = rows.GroupBy(g => (g.Student, Course: g.Course.ToLowerInvariant(), g.Term)).Select(g => g.Last()).ToList();
        var ids = latest.Select(g => g.Student).Distinct().ToList();
        var existing = (await db.CourseGrades.Where(g => g.SchoolId == school && ids.Contains(g.StudentId)).ToListAsync(ct))
            .ToDictionary(g => (g.StudentId, g.Course.ToLowerInvariant(), g.Term));
        int created = 0, updated = 0;
        foreach (var g in latest)
        {
            var core = g.Core ?? thresholds.CoreCourses.Contains(g.Course, StringComparer.OrdinalIgnoreCase);
            if (existing.TryGetValue((g.Student, g.Course.ToLowerInvariant(), g.Term), out var grade))
            {
                if (grade.Percent != g.Percent || grade.IsCore != core) { grade.Replace(g.Percent, core, now); updated++; }
            }
            else
            {
                db.CourseGrades.Add(new CourseGrade(school, g.Student, g.Course, g.Term, g.Percent, core, now));
                created++;
            }
        }
        if (save) await db.SaveChangesAsync(ct);
        return (created, updated);
    }

    /// <summary>The last record for a student and day wins, within a batch and across batches.</summary>
    internal static async Task<(int Created, int Updated)> UpsertAttendanceAsync(SparkDbContext db, Guid school,
        IEnumerable<(Guid Student, DateOnly Date, AttendanceStatus Status)> rows, DateTimeOffset now, CancellationToken ct, bool save = true)
    {
        var latest = rows.GroupBy(p => (p.Student, p.Date)).Select(g => g.Last()).ToList();
        var ids = latest.Select(p => p.Student).Distinct().ToList();
        var dates = latest.Select(p => p.Date).Distinct().ToList();
        var existing = (await db.Attendance.Where(a => a.SchoolId == school && ids.Contains(a.StudentId) && dates.Contains(a.Date)).ToListAsync(ct))
            .ToDictionary(a => (a.StudentId, a.Date));
        int created = 0, updated = 0;
        foreach (var p in latest)
        {
            if (existing.TryGetValue((p.Student, p.Date), out var record))
            {
                if (record.Status != p.Status) { record.Replace(p.Status, now); updated++; }
            }
            else
            {
                db.Attendance.Add(new AttendanceRecord(school, p.Student, p.Date, p.Status, now));
                created++;
            }
        }
        if (save) await db.SaveChangesAsync(ct);
        return (created, updated);
    }

    public static async Task<Ok<ImportResult>> ImportGrades(GradeImport request, ClaimsPrincipal user, SparkDbContext db,
        SignalCalculator signals, IOptions<SignalThresholds> thresholds, TimeProvider clock, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var errors = new FieldErrors();
        SignalValidation.RequireList(request.Grades, "grades", errors);
        errors.ThrowIfAny();
        var grades = request.Grades!;
        var ids = grades.Select(g => g.StudentId).OfType<Guid>().Distinct().ToList();
        var known = (await db.Students.Where(s => s.SchoolId == school && ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        for (var i = 0; i < grades.Length; i++)
        {
            var g = grades[i];
            errors.When(g.StudentId is not { } id || !known.Contains(id), $"grades[{i}].studentId", "No student with this id at your school.")
                .Required(g.Course, $"grades[{i}].course", 100)
                .Required(g.Term, $"grades[{i}].term", 40)
                .When(g.Percent is not (>= 0 and <= 100), $"grades[{i}].percent", "'percent' must be between 0 and 100.");
        }
        errors.ThrowIfAny();

        var (created, updated) = await UpsertGradesAsync(db, school,
            grades.Select(g => (g.StudentId!.Value, g.Course!.Trim(), g.Term!.Trim(), g.Percent!.Value, g.Core)), thresholds.Value, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new ImportResult(created, updated, await signals.RecomputeAsync(school, ct)));
    }

    public static async Task<Ok<SignalsResponse>> GetSignals(Guid id, ClaimsPrincipal user, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        var student = await StudentsApi.LoadAsync(db, user, id, ct);
        await auth.RequireAsync(user, student, StudentOperation.RequestIdeas, "Student");
        var days = await db.Attendance.CountAsync(a => a.StudentId == id, ct);
        var absent = await db.Attendance.CountAsync(a => a.StudentId == id && (a.Status == AttendanceStatus.Absent || a.Status == AttendanceStatus.Excused), ct);
        var flags = await db.Flags.AsNoTracking().Where(f => f.StudentId == id).OrderBy(f => f.Type).ToListAsync(ct);
        return TypedResults.Ok(new SignalsResponse(days == 0 ? null : Math.Round(1 - (double)absent / days, 4), days, absent,
            flags.Select(f => new FlagView(f.Type, f.Since, f.Detail)).ToList()));
    }

    public static async Task<Ok<ItemsResponse<FollowUpView>>> ListFollowUps(ClaimsPrincipal user, SparkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserIdOf();
        var school = user.SchoolIdOf();
        var admin = user.IsAdmin();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await (from f in db.FollowUps.AsNoTracking()
                          join s in db.Students.AsNoTracking() on f.StudentId equals s.Id
                          where f.SchoolId == school && f.CompletedAt == null && (f.AssigneeId == me || (admin && f.AssigneeId == null))
                          select new { f, s.DisplayName }).ToListAsync(ct);
        var items = rows.Select(r => new FollowUpView(r.f.Id, r.f.StudentId, r.DisplayName, r.f.AssigneeId, r.f.FlagType, r.f.Reason, r.f.DueOn, r.f.DueOn < today))
            .OrderByDescending(v => v.Overdue).ThenBy(v => v.DueOn).ToList();
        return TypedResults.Ok(new ItemsResponse<FollowUpView>(items));
    }

    public static async Task<NoContent> CompleteFollowUp(Guid id, ClaimsPrincipal user, SparkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        var followUp = await db.FollowUps.FirstOrDefaultAsync(f => f.Id == id && f.SchoolId == school, ct) ?? throw new NotFoundException("Follow-up");
        if (followUp.AssigneeId != user.UserIdOf() && !user.IsAdmin()) throw new ForbiddenException();
        followUp.Complete(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

/// <summary>Nightly: recompute every school's flags (a school per job, so one failure does not stop the rest).</summary>
public sealed class RecomputeSignalsJob(SparkDbContext db, SignalCalculator signals, IBackgroundJobClient jobs)
{
    public async Task EnqueueAllAsync(CancellationToken ct)
    {
        foreach (var school in await db.Schools.Select(s => s.Id).ToListAsync(ct))
            jobs.Enqueue<RecomputeSignalsJob>(j => j.RunAsync(school, CancellationToken.None));
    }

    public Task RunAsync(Guid schoolId, CancellationToken ct) => signals.RecomputeAsync(schoolId, ct);
}
