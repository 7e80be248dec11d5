using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Roster;

/// <summary>
/// A OneRoster 1.1 / 1.2 CSV export into the admin's own school: orgs are counted and checked only; users become
/// students or staff; classes and enrollments become classes and class members. Files are read in dependency order
/// (users, classes, enrollments), each forward-only, saved in batches. Rules a district can rely on:
/// - a student needs an email (it is the login) and a grade (first of "grades"; KG/K is 0, "09" is 9); without
///   either the row is an error, not a guess;
/// - teacher and aide become staff with the teacher role; administrator (1.2: site/district/system administrator)
///   also gets the admin role; parents, guardians and relatives are skipped with a warning;
/// - status "tobedeleted" never creates anything; an existing record is kept and reported (this version does not delete);
/// - 1.2 users without a role column take their primary role from roles.csv.
/// </summary>
public sealed class OneRosterImport(SparkDbContext db, Guid school, RosterTally tally)
{
    public const string Users = "users.csv", Roles = "roles.csv", Classes = "classes.csv", Enrollments = "enrollments.csv",
        Orgs = "orgs.csv", Manifest = "manifest.csv";

    private static readonly Dictionary<string, StaffRoles> StaffRoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["teacher"] = StaffRoles.Teacher, ["aide"] = StaffRoles.Teacher,
        ["administrator"] = StaffRoles.Teacher | StaffRoles.Admin, ["siteAdministrator"] = StaffRoles.Teacher | StaffRoles.Admin,
        ["districtAdministrator"] = StaffRoles.Teacher | StaffRoles.Admin, ["systemAdministrator"] = StaffRoles.Teacher | StaffRoles.Admin,
    };
    private static readonly HashSet<string> FamilyRoles = new(["parent", "guardian", "relative"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Users passed over on purpose (warnings) and users in error, so enrollments can say why they fail.</summary>
    internal HashSet<string> SkippedUsers { get; } = [];
    internal HashSet<string> FailedUsers { get; } = [];

    public async Task RunAsync(RosterFiles files, CancellationToken ct)
    {
        if (!files.Contains(Users)) throw new RequestValidationException("files", "users.csv is missing: a OneRoster import needs at least users.csv.");
        await ReadManifestAsync(files, ct);
        await ReadOrgsAsync(files, ct);
        var roles = await ReadRolesAsync(files, ct);
        await ReadUsersAsync(files, roles, ct);
        var classes = new OneRosterClasses(db, school, tally, this);
        await classes.ReadClassesAsync(files, ct);
        await classes.ReadEnrollmentsAsync(files, ct);
    }

    private async Task ReadManifestAsync(RosterFiles files, CancellationToken ct)
    {
        if (files.Open(Manifest) is not { } stream) return;
        await using var csv = await RosterCsv.OpenAsync(Manifest, stream, ["propertyName", "value"], tally, ct);
        while (await csv.NextAsync(ct))
            if (csv["propertyName"] == "oneroster.version") tally.Version = csv["value"];
    }

    private async Task ReadOrgsAsync(RosterFiles files, CancellationToken ct)
    {
        if (files.Open(Orgs) is not { } stream) return;
        await using var csv = await RosterCsv.OpenAsync(Orgs, stream, ["sourcedId"], tally, ct);
        while (await csv.NextAsync(ct))
            if (csv["sourcedId"] is null) tally.Error(Orgs, csv.Line, "sourcedId", "An org needs a sourcedId.");
            else tally.Orgs++;
    }

    /// <summary>userSourcedId to role: the primary role when there is one, else the first listed.</summary>
    private async Task<Dictionary<string, string>> ReadRolesAsync(RosterFiles files, CancellationToken ct)
    {
        var roles = new Dictionary<string, string>();
        if (files.Open(Roles) is not { } stream) return roles;
        await using var csv = await RosterCsv.OpenAsync(Roles, stream, ["userSourcedId", "role"], tally, ct);
        while (await csv.NextAsync(ct))
        {
            if (csv["userSourcedId"] is not { } user || csv["role"] is not { } role)
            {
                tally.Error(Roles, csv.Line, csv["userSourcedId"] is null ? "userSourcedId" : "role", "A role needs userSourcedId and role.");
                continue;
            }
            if (string.Equals(csv["status"], "tobedeleted", StringComparison.OrdinalIgnoreCase)) continue;
            if (!roles.ContainsKey(user) || string.Equals(csv["roleType"], "primary", StringComparison.OrdinalIgnoreCase)) roles[user] = role;
        }
        return roles;
    }

    private async Task ReadUsersAsync(RosterFiles files, Dictionary<string, string> roles, CancellationToken ct)
    {
        await using var stream = files.Open(Users)!;
        await using var csv = await RosterCsv.OpenAsync(Users, stream, ["sourcedId", "givenName", "familyName", "email"], tally, ct);
        if (!csv.Has("role") && !files.Contains(Roles))
            throw new RequestValidationException(Users, "users.csv has no role column and there is no roles.csv (OneRoster 1.2) to take roles from.");
        var people = new RosterPeople(db, school, tally);
        while (await csv.NextAsync(ct))
            if (await ReadUserAsync(csv, roles) is { } person) await people.AddAsync(person, ct);
        await people.FlushAsync(ct);
    }

    private async Task<RosterPerson?> ReadUserAsync(RosterCsv csv, Dictionary<string, string> roles)
    {
        var line = csv.Line;
        if (csv["sourcedId"] is not { } sid) { tally.Error(Users, line, "sourcedId", "A user needs a sourcedId."); return null; }
        var role = csv["role"] ?? roles.GetValueOrDefault(sid);
        var isStudent = string.Equals(role, "student", StringComparison.OrdinalIgnoreCase);
        StaffRoles staffRoles = StaffRoles.None;
        if (role is null) return Fail("role", $"User {sid} has no role (in users.csv or roles.csv).");
        if (!isStudent && !StaffRoleNames.TryGetValue(role, out staffRoles))
        {
            SkippedUsers.Add(sid);
            tally.Warn(Users, line, "role", FamilyRoles.Contains(role)
                ? $"User {sid} is a {role}: families are not ProjectSpark users; skipped."
                : $"User {sid} has role {role}, which ProjectSpark does not import; skipped.");
            return null;
        }
        if (string.Equals(csv["status"], "tobedeleted", StringComparison.OrdinalIgnoreCase))
        {
            SkippedUsers.Add(sid);
            (isStudent ? tally.Students : tally.Staff).Skipped++;
            var exists = isStudent ? await db.Students.AnyAsync(s => s.SchoolId == school && s.SourcedId == sid)
                : await db.Staff.AnyAsync(s => s.SchoolId == school && s.SourcedId == sid);
            tally.Warn(Users, line, "status", exists
                ? $"User {sid} is marked tobedeleted; it was kept, as this version never deletes. Remove it by hand if needed."
                : $"User {sid} is marked tobedeleted; not created.");
            return null;
        }
        var name = $"{csv["givenName"]} {csv["familyName"]}".Trim();
        if (name.Length == 0) return Fail("givenName", $"User {sid} has no givenName or familyName.");
        if (name.Length > RosterPerson.MaxNameLength) return Fail("givenName", $"User {sid}'s name is longer than {RosterPerson.MaxNameLength} characters.");
        var email = csv["email"];
        if (email is null) return Fail("email", $"User {sid} has no email; without one they cannot sign in.");
        if (email.IndexOf('@') < 1 || email.EndsWith('@') || email.Any(char.IsWhiteSpace) || email.Length > RosterPerson.MaxEmailLength) return Fail("email", $"'{email}' is not an email address.");
        if (!isStudent) return new RosterPerson(Users, line, sid, name, Emails.Normalize(email), null, staffRoles);
        var grade = ParseGrade(csv.First("grades"));
        if (grade is null) return Fail("grades", $"Student {sid} needs a grade from KG to 12 (got '{csv["grades"]}').");
        return new RosterPerson(Users, line, sid, name, Emails.Normalize(email), grade, StaffRoles.None);

        RosterPerson? Fail(string field, string message)
        {
            FailedUsers.Add(sid);
            tally.Error(Users, line, field, message);
            return null;
        }
    }

    /// <summary>OneRoster grade codes: KG (or K) is 0, "01".."12" are 1..12; anything else is not a school grade here.</summary>
    public static int? ParseGrade(string? code)
    {
        if (code is null) return null;
        if (code.Equals("KG", StringComparison.OrdinalIgnoreCase) || code.Equals("K", StringComparison.OrdinalIgnoreCase)) return 0;
        return int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) && g is >= 0 and <= 12 ? g : null;
    }
}
