using ProjectSpark.Data;
using ProjectSpark.Features.Staff;

namespace ProjectSpark.Features.Roster;

/// <summary>
/// The plain roster: one CSV of students and staff (header role,name,email,grade,sourcedId). role is student, or
/// staff roles mentor, teacher, admin combined with ';'. grade (KG or 0-12) is required for students; sourcedId is
/// optional, and without it people are matched by email.
/// </summary>
public sealed class PeopleCsvImport(SparkDbContext db, Guid school, RosterTally tally)
{
    public const string File = "people.csv";

    public async Task RunAsync(Stream body, CancellationToken ct)
    {
        await using var csv = await RosterCsv.OpenAsync(File, body, ["role", "name", "email"], tally, ct);
        var people = new RosterPeople(db, school, tally);
        while (await csv.NextAsync(ct))
            if (Read(csv) is { } person) await people.AddAsync(person, ct);
        await people.FlushAsync(ct);
    }

    private RosterPerson? Read(RosterCsv csv)
    {
        var line = csv.Line;
        var names = (csv["role"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var isStudent = names.Contains("student", StringComparer.OrdinalIgnoreCase);
        var roles = StaffRoles.None;
        foreach (var n in names.Where(n => !n.Equals("student", StringComparison.OrdinalIgnoreCase)))
        {
            if (!StaffMember.RoleNames.TryGetValue(n, out var r)) return Fail("role", $"Unknown role '{n}': use student, or mentor, teacher, admin (combine with ';').");
            roles |= r;
        }
        if (names.Length == 0) return Fail("role", "A role is required: student, or mentor, teacher, admin (combine with ';').");
        if (isStudent && roles != StaffRoles.None) return Fail("role", "A person is either a student or staff, not both.");
        if (csv["name"] is not { } name) return Fail("name", "A name is required.");
        if (name.Length > RosterPerson.MaxNameLength) return Fail("name", $"A name is at most {RosterPerson.MaxNameLength} characters.");
        var email = csv["email"];
        if (email is null || email.IndexOf('@') < 1 || email.EndsWith('@') || email.Any(char.IsWhiteSpace) || email.Length > RosterPerson.MaxEmailLength)
            return Fail("email", "A valid email is required: it is how the person signs in.");
        int? grade = null;
        if (isStudent && (grade = OneRosterImport.ParseGrade(csv["grade"])) is null)
            return Fail("grade", $"A student needs a grade from KG (or 0) to 12 (got '{csv["grade"]}').");
        return new RosterPerson(File, line, csv["sourcedId"], name, Emails.Normalize(email), grade, roles);

        RosterPerson? Fail(string field, string message)
        {
            tally.Error(File, line, field, message);
            return null;
        }
    }
}
