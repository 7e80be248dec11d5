using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Features.Roster;

/// <summary>A person read from a roster file, already validated: a student (Grade set) or staff (Roles set).</summary>
public sealed record RosterPerson(string File, int Line, string? SourcedId, string Name, string Email, int? Grade, StaffRoles Roles)
{
    public const int MaxNameLength = 200, MaxEmailLength = 254;

    public bool IsStudent => Grade is not null;
}

/// <summary>
/// Creates or updates people a batch at a time (one round of look-ups and one save per batch). Matches on sourcedId
/// within the school first, then on email (adopting the sourcedId); an email held by anyone else, in any school or
/// as the other kind of person, is a row error and never a second account.
/// </summary>
public sealed class RosterPeople(SparkDbContext db, Guid school, RosterTally tally)
{
    public const int BatchSize = 500;
    private readonly List<RosterPerson> _batch = [];

    public async Task AddAsync(RosterPerson person, CancellationToken ct)
    {
        _batch.Add(person);
        if (_batch.Count >= BatchSize) await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_batch.Count == 0) return;
        var sids = _batch.Where(p => p.SourcedId is not null).Select(p => p.SourcedId!).Distinct().ToList();
        var emails = _batch.Select(p => p.Email).Distinct().ToList();
        var students = await db.Students.Where(s => (s.SchoolId == school && s.SourcedId != null && sids.Contains(s.SourcedId)) || emails.Contains(s.Email)).ToListAsync(ct);
        var staff = await db.Staff.Where(s => (s.SchoolId == school && s.SourcedId != null && sids.Contains(s.SourcedId)) || emails.Contains(s.Email)).ToListAsync(ct);
        foreach (var p in _batch)
        {
            if (p.IsStudent) ApplyStudent(p, students, staff);
            else ApplyStaff(p, students, staff);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        _batch.Clear();
    }

    private void ApplyStudent(RosterPerson p, List<Student> students, List<StaffMember> staff)
    {
        var counter = tally.Students;
        var match = Match(p, students, s => s.SchoolId, s => s.SourcedId, s => s.Email);
        if (match.Error is { } error) { tally.Error(p.File, p.Line, "email", error); return; }
        if (OtherKindHolds(p, staff, s => s.SchoolId, s => s.SourcedId, s => s.Email, "a staff member")) return;
        var student = match.Found;
        if (student is null)
        {
            student = new Student(school, p.Name, p.Email, p.Grade!.Value);
            student.SetRosterIdentity(p.SourcedId, p.Name, p.Email, p.Grade.Value);
            db.Students.Add(student);
            students.Add(student);
            counter.Created++;
        }
        else if (student.SourcedId == (p.SourcedId ?? student.SourcedId) && student.DisplayName == p.Name.Trim()
                 && student.Email == p.Email && student.GradeLevel == p.Grade) counter.Unchanged++;
        else
        {
            student.SetRosterIdentity(p.SourcedId ?? student.SourcedId, p.Name, p.Email, p.Grade!.Value);
            counter.Updated++;
        }
    }

    private void ApplyStaff(RosterPerson p, List<Student> students, List<StaffMember> staff)
    {
        var counter = tally.Staff;
        var match = Match(p, staff, s => s.SchoolId, s => s.SourcedId, s => s.Email);
        if (match.Error is { } error) { tally.Error(p.File, p.Line, "email", error); return; }
        if (OtherKindHolds(p, students, s => s.SchoolId, s => s.SourcedId, s => s.Email, "a student")) return;
        var member = match.Found;
        if (member is null)
        {
            member = new StaffMember(school, p.Name, p.Email, p.Roles);
            member.SetRosterIdentity(p.SourcedId, p.Name, p.Email, p.Roles);
            db.Staff.Add(member);
            staff.Add(member);
            counter.Created++;
        }
        else if (member.SourcedId == (p.SourcedId ?? member.SourcedId) && member.Name == p.Name.Trim()
                 && member.Email == p.Email && member.Has(p.Roles)) counter.Unchanged++;
        else
        {
            // Roles are only ever added by an import: a mentor role given in ProjectSpark is not the roster's to remove.
            member.SetRosterIdentity(p.SourcedId ?? member.SourcedId, p.Name, p.Email, p.Roles);
            counter.Updated++;
        }
    }

    private (T? Found, string? Error) Match<T>(RosterPerson p, List<T> people, Func<T, Guid> schoolOf, Func<T, string?> sidOf, Func<T, string> emailOf)
        where T : class
    {
        var bySid = p.SourcedId is null ? null : people.FirstOrDefault(x => schoolOf(x) == school && sidOf(x) == p.SourcedId);
        var byEmail = people.FirstOrDefault(x => emailOf(x) == p.Email);
        if (bySid is not null)
            return byEmail is null || ReferenceEquals(byEmail, bySid) ? (bySid, null) : (null, $"{p.Email} is already used by another person.");
        if (byEmail is null) return (null, null);
        var adoptable = schoolOf(byEmail) == school && (sidOf(byEmail) is null || p.SourcedId is null);
        return adoptable ? (byEmail, null) : (null, $"{p.Email} is already used by another person.");
    }

    private bool OtherKindHolds<T>(RosterPerson p, List<T> others, Func<T, Guid> schoolOf, Func<T, string?> sidOf, Func<T, string> emailOf, string kind)
    {
        if (others.Any(x => emailOf(x) == p.Email))
            tally.Error(p.File, p.Line, "email", $"{p.Email} is already used by {kind}.");
        else if (p.SourcedId is not null && others.Any(x => schoolOf(x) == school && sidOf(x) == p.SourcedId))
            tally.Error(p.File, p.Line, "sourcedId", $"{p.SourcedId} is already {kind} here; changing a person between student and staff is not supported.");
        else return false;
        return true;
    }
}
