using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectSpark.Data;

namespace ProjectSpark.Features.Signals;

public sealed record ComputedFlag(Guid StudentId, string Type, DateOnly Since, string Detail);

/// <summary>
/// Computes every student's flags for a school at once, set-based in SQL (window functions over the attendance and
/// course-grade tables; no per-student loop of queries), then reconciles them with the stored flags: new flags create follow-ups
/// for the student's mentor (or for the admins when the student has none); flags that no longer hold are removed.
/// </summary>
public sealed class SignalCalculator(SparkDbContext db, IOptions<SignalThresholds> options, TimeProvider clock, ILogger<SignalCalculator> log)
{
    private SignalThresholds T => options.Value;

    private sealed record AttendanceAggregate(Guid StudentId, long DaysEnrolled, long DaysAbsent, long AbsentMonth1, long AbsentMonth2,
        long AbsentMonth3, DateOnly? LastAbsence, DateOnly FirstDay);

    private sealed record Streak(Guid StudentId, DateOnly Since, long Length);

    private sealed record LatestTerms(Guid Latest, Guid? Previous);

    public async Task<IReadOnlyList<ComputedFlag>> ComputeAsync(Guid schoolId, CancellationToken ct)
    {
        var m1 = T.SchoolDaysPerMonth;
        var m2 = 2 * T.SchoolDaysPerMonth;
        var m3 = 3 * T.SchoolDaysPerMonth;
        // "Day" is the student's n-th enrolled school day: enrollment counts from their own first record.
        var aggregates = await db.Database.SqlQuery<AttendanceAggregate>($"""
            WITH ordered AS (
                SELECT "StudentId", "Date", "Status",
                       ROW_NUMBER() OVER (PARTITION BY "StudentId" ORDER BY "Date") AS "Day"
                FROM "Attendance" WHERE "SchoolId" = {schoolId})
            SELECT "StudentId",
                   COUNT(*) AS "DaysEnrolled",
                   SUM(CASE WHEN "Status" IN ('Absent', 'Excused') THEN 1 ELSE 0 END) AS "DaysAbsent",
                   SUM(CASE WHEN "Status" IN ('Absent', 'Excused') AND "Day" <= {m1} THEN 1 ELSE 0 END) AS "AbsentMonth1",
                   SUM(CASE WHEN "Status" IN ('Absent', 'Excused') AND "Day" <= {m2} THEN 1 ELSE 0 END) AS "AbsentMonth2",
                   SUM(CASE WHEN "Status" IN ('Absent', 'Excused') AND "Day" <= {m3} THEN 1 ELSE 0 END) AS "AbsentMonth3",
                   MAX(CASE WHEN "Status" IN ('Absent', 'Excused') THEN "Date" END) AS "LastAbsence",
                   MIN("Date") AS "FirstDay"
            FROM ordered GROUP BY "StudentId"
            """).ToListAsync(ct);
        // Gaps and islands: consecutive enrolled days absent share (day number - absence number).
        var streaks = await db.Database.SqlQuery<Streak>($"""
            WITH ordered AS (
                SELECT "StudentId", "Date", "Status",
                       ROW_NUMBER() OVER (PARTITION BY "StudentId" ORDER BY "Date") AS "Day"
                FROM "Attendance" WHERE "SchoolId" = {schoolId}),
            absences AS (
                SELECT "StudentId", "Date",
                       "Day" - ROW_NUMBER() OVER (PARTITION BY "StudentId" ORDER BY "Date") AS "Island"
                FROM ordered WHERE "Status" IN ('Absent', 'Excused'))
            SELECT "StudentId", MIN("Date") AS "Since", COUNT(*) AS "Length"
            FROM absences GROUP BY "StudentId", "Island" HAVING COUNT(*) >= {T.StreakDays}
            """).ToListAsync(ct);

        var flags = new List<ComputedFlag>();
        foreach (var a in aggregates)
        {
            var since = a.LastAbsence ?? a.FirstDay;
            var rate = (decimal)a.DaysAbsent / a.DaysEnrolled;
            var detail = $"{a.DaysAbsent} of {a.DaysEnrolled} enrolled days absent ({rate:P0})";
            if (rate >= (decimal)T.SevereChronicAbsenceRate) flags.Add(new(a.StudentId, FlagTypes.SevereChronicAbsence, since, detail));
            else if (rate >= (decimal)T.ChronicAbsenceRate) flags.Add(new(a.StudentId, FlagTypes.ChronicAbsence, since, detail));
            var pace = new[] { (a.AbsentMonth1, 1), (a.AbsentMonth2, 2), (a.AbsentMonth3, 3) }
                .FirstOrDefault(p => p.Item2 <= T.EarlyPaceAbsences.Length && p.Item1 >= T.EarlyPaceAbsences[p.Item2 - 1]);
            if (pace.Item2 > 0)
                flags.Add(new(a.StudentId, FlagTypes.EarlyYearPace, since,
                    $"{pace.Item1} absences in the first {pace.Item2} month(s) of enrollment: on pace for chronic absence"));
        }
        foreach (var s in streaks.GroupBy(s => s.StudentId).Select(g => g.OrderByDescending(s => s.Since).First()))
            flags.Add(new(s.StudentId, FlagTypes.AbsenceStreak, s.Since, $"{s.Length} enrolled days absent in a row since {s.Since:yyyy-MM-dd}"));

        // Each course's latest term and the one before, in SQL. Terms are ordered by when the school first recorded a
        // grade for them, then by name: labels such as "Fall 2026" / "Spring 2027" order correctly when imported in
        // term order; labels that sort (2026-T1, 2026-T2) order correctly however they arrive.
        var pairs = await db.Database.SqlQuery<LatestTerms>($"""
            WITH terms AS (
                SELECT "Term", MIN("RecordedAt") AS "FirstRecorded" FROM "CourseGrades" WHERE "SchoolId" = {schoolId} GROUP BY "Term"),
            ranked AS (
                SELECT g."Id", g."StudentId", LOWER(g."Course") AS "CourseKey",
                       ROW_NUMBER() OVER (PARTITION BY g."StudentId", LOWER(g."Course") ORDER BY t."FirstRecorded" DESC, g."Term" DESC) AS "Recent"
                FROM "CourseGrades" g JOIN terms t ON t."Term" = g."Term"
                WHERE g."SchoolId" = {schoolId})
            SELECT cur."Id" AS "Latest", prev."Id" AS "Previous"
            FROM ranked cur
            LEFT JOIN ranked prev ON prev."StudentId" = cur."StudentId" AND prev."CourseKey" = cur."CourseKey" AND prev."Recent" = 2
            WHERE cur."Recent" = 1
            """).ToListAsync(ct);
        var ids = pairs.Select(p => p.Latest).Concat(pairs.Select(p => p.Previous).OfType<Guid>()).ToList();
        var rows = await db.CourseGrades.AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        foreach (var pair in pairs)
        {
            var last = rows[pair.Latest];
            var on = DateOnly.FromDateTime(last.RecordedAt.UtcDateTime);
            if (last.IsCore && last.Percent < T.CourseFailureBelow)
                flags.Add(new(last.StudentId, FlagTypes.CourseFailure, on, $"{last.Course} {last.Percent:0.#}% in {last.Term}"));
            if (pair.Previous is { } p && rows[p] is var before && before.Percent - last.Percent >= T.GradeDropPoints)
                flags.Add(new(last.StudentId, FlagTypes.GradeDecline, on,
                    $"{last.Course} fell from {before.Percent:0.#}% ({before.Term}) to {last.Percent:0.#}% ({last.Term})"));
        }
        // One flag per type per student: the first reason found (course flags can come from several courses).
        return flags.GroupBy(f => (f.StudentId, f.Type)).Select(g => g.First()).ToList();
    }

    /// <summary>Recomputes and stores a school's flags. Returns how many flags are new.</summary>
    public async Task<int> RecomputeAsync(Guid schoolId, CancellationToken ct)
    {
        var computed = await ComputeAsync(schoolId, ct);
        var stored = await db.Flags.Where(f => f.SchoolId == schoolId).ToListAsync(ct);
        var mentors = await db.Students.Where(s => s.SchoolId == schoolId).Select(s => new { s.Id, s.CurrentMentorId }).ToDictionaryAsync(s => s.Id, s => s.CurrentMentorId, ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var raised = 0;
        var current = computed.ToDictionary(f => (f.StudentId, f.Type));
        foreach (var flag in stored)
        {
            if (current.Remove((flag.StudentId, flag.Type), out var c)) flag.Update(c.Since, c.Detail);
            else db.Flags.Remove(flag);
        }
        foreach (var f in current.Values)
        {
            db.Flags.Add(new StudentFlag(schoolId, f.StudentId, f.Type, f.Since, f.Detail, now));
            var assignee = mentors.GetValueOrDefault(f.StudentId);
            foreach (var days in T.FollowUpDays)
                db.FollowUps.Add(new FollowUp(schoolId, f.StudentId, assignee, f.Type, f.Detail, today.AddDays(days), now));
            raised++;
        }
        await db.SaveChangesAsync(ct);
        if (raised > 0) log.LogInformation("Raised {Count} new flags at school {School}", raised, schoolId);
        return raised;
    }
}
