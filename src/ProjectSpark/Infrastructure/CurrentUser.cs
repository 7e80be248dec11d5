using System.Security.Claims;

namespace ProjectSpark.Infrastructure;

/// <summary>Claims the app adds after sign-in, from its own staff and student records (matched by email).</summary>
public static class SparkClaims
{
    public const string UserId = "spark:uid";
    public const string SchoolId = "spark:school";
    public const string Kind = "spark:kind";
    public const string Role = "role";
    public const string Email = "email";

    public const string Student = "student", Mentor = "mentor", Teacher = "teacher", Admin = "admin";

    public static Guid UserIdOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UserId), out var id) ? id : throw new ForbiddenException("Your account is not registered at a school.");

    public static Guid SchoolIdOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SchoolId), out var id) ? id : throw new ForbiddenException("Your account is not registered at a school.");

    public static bool IsStudent(this ClaimsPrincipal user) => user.IsInRole(Student);
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Admin);
}

public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Student = "student";
    /// <summary>Anyone signed in with a record at a school, staff or student.</summary>
    public const string Member = "member";
}
