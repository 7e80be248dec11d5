using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;

namespace ProjectSpark.Features.Roster;

/// <summary>
/// classes.csv and enrollments.csv, read after users.csv, a batch at a time: each batch looks up the classes and
/// people it names by sourcedId, so memory stays flat however long the files are. A student or teacher enrollment
/// becomes a class member; other enrollment roles (aide, proctor, administrator) are skipped with a warning.
/// </summary>
public sealed class OneRosterClasses(SparkDbContext db, Guid school, RosterTally tally, OneRosterImport users)
{
    private const string ClassesFile = OneRosterImport.Classes, EnrollmentsFile = OneRosterImport.Enrollments;
    private readonly HashSet<string> _skippedClasses = [];
    private readonly HashSet<string> _failedClasses = [];

    private const int MaxTitleLength = 200, MaxSubjectLength = 100;

    private sealed record ClassRow(int Line, string SourcedId, string Title, string? Subject);
    private sealed record EnrollmentRow(int Line, string? SourcedId, string ClassSourcedId, string UserSourcedId, ClassRole Role);

    public async Task ReadClassesAsync(RosterFiles files, CancellationToken ct)
    {
        if (files.Open(ClassesFile) is not { } stream) return;
        await using var csv = await RosterCsv.OpenAsync(ClassesFile, stream, ["sourcedId", "title"], tally, ct);
        var batch = new List<ClassRow>();
        while (await csv.NextAsync(ct))
        {
            var line = csv.Line;
            if (csv["sourcedId"] is not { } sid) { tally.Error(ClassesFile, line, "sourcedId", "A class needs a sourcedId."); continue; }
            if (string.Equals(csv["status"], "tobedeleted", StringComparison.OrdinalIgnoreCase))
            {
                _skippedClasses.Add(sid);
                tally.Classes.Skipped++;
                var exists = await db.Classes.AnyAsync(c => c.SchoolId == school && c.SourcedId == sid, ct);
                tally.Warn(ClassesFile, line, "status", exists
                    ? $"Class {sid} is marked tobedeleted; it was kept, as this version never deletes."
                    : $"Class {sid} is marked tobedeleted; not created.");
                continue;
            }
            if (csv["title"] is not { } title) { _failedClasses.Add(sid); tally.Error(ClassesFile, line, "title", $"Class {sid} has no title."); continue; }
            if (title.Length > MaxTitleLength || csv["subjects"]?.Length > MaxSubjectLength)
            {
                _failedClasses.Add(sid);
                var field = title.Length > MaxTitleLength ? "title" : "subjects";
                tally.Error(ClassesFile, line, field, $"Class {sid}'s {field} is longer than {(field == "title" ? MaxTitleLength : MaxSubjectLength)} characters.");
                continue;
            }
            // "subjects" may hold several ("Science, Physics"); the class keeps them as written.
            batch.Add(new ClassRow(line, sid, title, csv["subjects"]));
            if (batch.Count >= RosterPeople.BatchSize) await SaveClassesAsync(batch, ct);
        }
        await SaveClassesAsync(batch, ct);
    }

    private async Task SaveClassesAsync(List<ClassRow> batch, CancellationToken ct)
    {
        var sids = batch.Select(r => r.SourcedId).Distinct().ToList();
        var existing = await db.Classes.Where(c => c.SchoolId == school && c.SourcedId != null && sids.Contains(c.SourcedId))
            .ToDictionaryAsync(c => c.SourcedId!, ct);
        foreach (var row in batch)
        {
            if (!existing.TryGetValue(row.SourcedId, out var found))
            {
                existing[row.SourcedId] = new SchoolClass(school, row.Title, row.Subject, row.SourcedId);
                db.Classes.Add(existing[row.SourcedId]);
                tally.Classes.Created++;
            }
            else if (found.Title == row.Title.Trim() && found.Subject == (string.IsNullOrWhiteSpace(row.Subject) ? null : row.Subject.Trim()))
                tally.Classes.Unchanged++;
            else
            {
                found.Update(row.Title, row.Subject);
                tally.Classes.Updated++;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    public async Task ReadEnrollmentsAsync(RosterFiles files, CancellationToken ct)
    {
        if (files.Open(EnrollmentsFile) is not { } stream) return;
        await using var csv = await RosterCsv.OpenAsync(EnrollmentsFile, stream, ["classSourcedId", "userSourcedId", "role"], tally, ct);
        var batch = new List<EnrollmentRow>();
        while (await csv.NextAsync(ct))
        {
            var line = csv.Line;
            var (classSid, userSid, role) = (csv["classSourcedId"], csv["userSourcedId"], csv["role"]);
            if (classSid is null || userSid is null || role is null)
            {
                tally.Error(EnrollmentsFile, line, classSid is null ? "classSourcedId" : userSid is null ? "userSourcedId" : "role",
                    "An enrollment needs classSourcedId, userSourcedId and role.");
                continue;
            }
            if (string.Equals(csv["status"], "tobedeleted", StringComparison.OrdinalIgnoreCase))
            {
                Skip(line, "status", $"Enrollment of {userSid} in {classSid} is marked tobedeleted; not created (an existing membership is kept).");
                continue;
            }
            ClassRole? classRole = role.ToLowerInvariant() switch { "student" => ClassRole.Student, "teacher" => ClassRole.Teacher, _ => null };
            if (classRole is null) { Skip(line, "role", $"Enrollment role {role} is not imported; only students and teachers become class members."); continue; }
            if (_skippedClasses.Contains(classSid)) { Skip(line, "classSourcedId", $"Class {classSid} was skipped (tobedeleted), so this enrollment is too."); continue; }
            if (users.SkippedUsers.Contains(userSid)) { Skip(line, "userSourcedId", $"User {userSid} was skipped, so this enrollment is too."); continue; }
            batch.Add(new EnrollmentRow(line, csv["sourcedId"], classSid, userSid, classRole.Value));
            if (batch.Count >= RosterPeople.BatchSize) await SaveEnrollmentsAsync(batch, ct);
        }
        await SaveEnrollmentsAsync(batch, ct);

        void Skip(int line, string field, string message)
        {
            tally.Enrollments.Skipped++;
            tally.Warn(EnrollmentsFile, line, field, message);
        }
    }

    private async Task SaveEnrollmentsAsync(List<EnrollmentRow> batch, CancellationToken ct)
    {
        var classSids = batch.Select(r => r.ClassSourcedId).Distinct().ToList();
        var userSids = batch.Select(r => r.UserSourcedId).Distinct().ToList();
        var classes = await db.Classes.Where(c => c.SchoolId == school && c.SourcedId != null && classSids.Contains(c.SourcedId))
            .Select(c => new { c.Id, c.SourcedId }).ToDictionaryAsync(c => c.SourcedId!, c => c.Id, ct);
        var students = await db.Students.Where(s => s.SchoolId == school && s.SourcedId != null && userSids.Contains(s.SourcedId))
            .Select(s => new { s.Id, s.SourcedId }).ToDictionaryAsync(s => s.SourcedId!, s => s.Id, ct);
        var staff = await db.Staff.Where(s => s.SchoolId == school && s.SourcedId != null && userSids.Contains(s.SourcedId))
            .Select(s => new { s.Id, s.SourcedId }).ToDictionaryAsync(s => s.SourcedId!, s => s.Id, ct);
        var classIds = classes.Values.ToList();
        var members = (await db.ClassMembers.Where(m => classIds.Contains(m.ClassId)).Select(m => new { m.ClassId, m.StudentId, m.StaffId }).ToListAsync(ct))
            .Select(m => (m.ClassId, m.StudentId ?? m.StaffId ?? Guid.Empty)).ToHashSet();
        foreach (var row in batch)
        {
            if (!classes.TryGetValue(row.ClassSourcedId, out var classId))
            {
                tally.Error(EnrollmentsFile, row.Line, "classSourcedId", _failedClasses.Contains(row.ClassSourcedId)
                    ? $"Class {row.ClassSourcedId} was not imported (see its error in classes.csv)."
                    : $"No class {row.ClassSourcedId} in classes.csv or at your school.");
                continue;
            }
            var people = row.Role == ClassRole.Student ? students : staff;
            var others = row.Role == ClassRole.Student ? staff : students;
            if (!people.TryGetValue(row.UserSourcedId, out var personId))
            {
                tally.Error(EnrollmentsFile, row.Line, "userSourcedId",
                    others.ContainsKey(row.UserSourcedId) ? $"User {row.UserSourcedId} is enrolled as a {row.Role.ToString().ToLowerInvariant()} but was imported as {(row.Role == ClassRole.Student ? "staff" : "a student")}."
                    : users.FailedUsers.Contains(row.UserSourcedId) ? $"User {row.UserSourcedId} was not imported (see its error in users.csv)."
                    : $"No user {row.UserSourcedId} in users.csv or at your school.");
                continue;
            }
            if (!members.Add((classId, personId))) { tally.Enrollments.Unchanged++; continue; }
            db.ClassMembers.Add(row.Role == ClassRole.Student ? ClassMember.ForStudent(classId, personId, row.SourcedId) : ClassMember.ForTeacher(classId, personId, row.SourcedId));
            tally.Enrollments.Created++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        batch.Clear();
    }
}
