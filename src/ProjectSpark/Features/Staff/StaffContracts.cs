using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Staff;

public sealed record CreateStaffRequest(string? Name, string? Email, string[]? Roles)
{
    public StaffRoles ValidatedRoles()
    {
        var errors = new FieldErrors().Required(Name, "name", 200).Email(Email, "email");
        var roles = StaffRoles.None;
        if (Roles is null || Roles.Length == 0) errors.Add("roles", "'roles' needs at least one of: mentor, teacher, admin.");
        else
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                if (Roles[i] is { } r && StaffMember.RoleNames.TryGetValue(r, out var role)) roles |= role;
                else errors.Add($"roles[{i}]", $"'{Roles[i]}' is not a staff role; use mentor, teacher or admin.");
            }
        }
        errors.ThrowIfAny();
        return roles;
    }
}

public sealed record StaffResponse(Guid Id, string Name, string Email, string[] Roles)
{
    public static StaffResponse From(StaffMember s) => new(s.Id, s.Name, s.Email, StaffMember.ToNames(s.Roles));
}
