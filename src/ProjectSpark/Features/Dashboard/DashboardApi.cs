using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Relationships;
using ProjectSpark.Features.Signals;
using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Dashboard;

/// <summary>One school week of attendance: the share of enrolled student-days the students were there (tardy counts as there).</summary>
public sealed record WeekRate(DateOnly WeekOf, int StudentDays, int Absences, double AttendanceRate);

public sealed record TypeCount(string Type, int Students);

public sealed record MentorLoad(Guid MentorId, string Name, int Students, int Capacity);

public sealed record DashboardResponse(int Students, int WithoutMentor, IReadOnlyList<WeekRate> SchoolTrend,
    Guid? StudentId, IReadOnlyList<WeekRate>? StudentTrend, IReadOnlyList<TypeCount> FlagsByType, IReadOnlyList<MentorLoad> MentorLoad);

/// <summary>
/// The admin's engagement picture, aggregated in the database: the attendance trend by week for the school (and for
/// one student on request), students per flag type, and each mentor's load against capacity.
/// </summary>
public static class DashboardApi
{
    public const int Weeks = 12;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", GetDashboard).WithTags("Dashboard").WithName("GetDashboard")
            .WithSummary($"Attendance trend by week (last {Weeks} weeks with records; add ?studentId= for one student), students per flag type, mentor load (admin)")
            .RequireAuthorization(Policies.Admin).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return app;
    }

    public static async Task<Ok<DashboardResponse>> GetDashboard(Guid? studentId, ClaimsPrincipal user, SparkDbContext db,
        IConfiguration config, CancellationToken ct)
    {
        var school = user.SchoolIdOf();
        if (studentId is { } sid && !await db.Students.AnyAsync(s => s.Id == sid && s.SchoolId == school, ct))
            throw new NotFoundException("Student");

        var students = await db.Students.Where(s => s.SchoolId == school).CountAsync(ct);
        var withoutMentor = await db.Students.Where(s => s.SchoolId == school && s.CurrentMentorId == null).CountAsync(ct);
        var schoolTrend = await TrendAsync(db, school, null, ct);
        var studentTrend = studentId is null ? null : await TrendAsync(db, school, studentId, ct);

        var flags = await db.Flags.Where(f => f.SchoolId == school).GroupBy(f => f.Type)
            .Select(g => new TypeCount(g.Key, g.Select(f => f.StudentId).Distinct().Count())).ToListAsync(ct);

        var capacity = RelationshipsApi.MentorCapacity(config);
        var load = await db.Students.Where(s => s.SchoolId == school && s.CurrentMentorId != null)
            .GroupBy(s => s.CurrentMentorId!.Value).Select(g => new { Mentor = g.Key, Count = g.Count() }).ToListAsync(ct);
        var mentors = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == school).ToListAsync(ct))
            .Where(s => s.Has(StaffRoles.Mentor) || load.Any(l => l.Mentor == s.Id))
            .Select(s => new MentorLoad(s.Id, s.Name, load.FirstOrDefault(l => l.Mentor == s.Id)?.Count ?? 0, capacity))
            .OrderByDescending(m => m.Students).ThenBy(m => m.Name).ToList();

        return TypedResults.Ok(new DashboardResponse(students, withoutMentor, schoolTrend, studentId, studentTrend,
            flags.OrderByDescending(f => f.Students).ThenBy(f => f.Type).ToList(), mentors));
    }

    /// <summary>Weekly attendance over the last <see cref="Weeks"/> weeks up to the latest record; per day in SQL, per week here.</summary>
    private static async Task<IReadOnlyList<WeekRate>> TrendAsync(SparkDbContext db, Guid school, Guid? student, CancellationToken ct)
    {
        var records = db.Attendance.Where(a => a.SchoolId == school && (student == null || a.StudentId == student));
        if (await records.MaxAsync(a => (DateOnly?)a.Date, ct) is not { } last) return [];
        var from = WeekOf(last).AddDays(-7 * (Weeks - 1));
        var days = await records.Where(a => a.Date >= from).GroupBy(a => a.Date)
            .Select(g => new
            {
                Date = g.Key,
                Total = g.Count(),
                Absent = g.Count(a => a.Status == AttendanceStatus.Absent || a.Status == AttendanceStatus.Excused),
            }).ToListAsync(ct);
        return days.GroupBy(d => WeekOf(d.Date)).OrderBy(w => w.Key)
            .Select(w =>
            {
                int total = w.Sum(d => d.Total), absent = w.Sum(d => d.Absent);
                return new WeekRate(w.Key, total, absent, Math.Round(1 - (double)absent / total, 3));
            }).ToList();
    }

    /// <summary>The Monday of the date's week.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
