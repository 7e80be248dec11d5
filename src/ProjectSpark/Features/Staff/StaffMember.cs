using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Staff;

[Flags]
public enum StaffRoles
{
    None = 0,
    Mentor = 1,
    Teacher = 2,
    Admin = 4,
}

/// <summary>An adult at the school: a mentor, teacher, counselor or coordinator. Roles combine.</summary>
public sealed class StaffMember
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public StaffRoles Roles { get; private set; }
    /// <summary>What the adult is into, so the relationship map can suggest students who share it.</summary>
    public List<string> Interests { get; private set; } = [];
    /// <summary>The roster system's id (OneRoster sourcedId); re-imports match on it.</summary>
    public string? SourcedId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    private StaffMember() { }

    public void SetRosterIdentity(string? sourcedId, string name, string email, StaffRoles roles)
    {
        SourcedId = sourcedId;
        Name = name.Trim();
        Email = Emails.Normalize(email);
        Roles = roles == StaffRoles.None ? Roles : Roles | roles;
    }

    public void SetInterests(IEnumerable<string> interests) =>
        Interests = interests.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public StaffMember(Guid schoolId, string name, string email, StaffRoles roles)
    {
        if (roles == StaffRoles.None) throw new DomainException("A staff member needs at least one role.", 400);
        SchoolId = schoolId;
        Name = name.Trim();
        Email = Emails.Normalize(email);
        Roles = roles;
    }

    public bool Has(StaffRoles role) => (Roles & role) == role;

    public static readonly IReadOnlyDictionary<string, StaffRoles> RoleNames = new Dictionary<string, StaffRoles>(StringComparer.OrdinalIgnoreCase)
    {
        ["mentor"] = StaffRoles.Mentor,
        ["teacher"] = StaffRoles.Teacher,
        ["admin"] = StaffRoles.Admin,
    };

    public static string[] ToNames(StaffRoles roles) =>
        RoleNames.Where(r => (roles & r.Value) == r.Value).Select(r => r.Key).ToArray();
}

public static class Emails
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
