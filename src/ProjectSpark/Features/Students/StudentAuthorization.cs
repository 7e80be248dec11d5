using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Students;

/// <summary>What someone wants to do with one student's record.</summary>
public sealed class StudentOperation(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    /// <summary>See the profile: an admin of the school, the current mentor, or the student themself.</summary>
    public static readonly StudentOperation View = new(nameof(View));
    /// <summary>Change interests: the current mentor or the student themself.</summary>
    public static readonly StudentOperation EditInterests = new(nameof(EditInterests));
    /// <summary>Ask for project ideas: the current mentor or an admin of the school.</summary>
    public static readonly StudentOperation RequestIdeas = new(nameof(RequestIdeas));
}

public sealed class StudentAuthorizationHandler : AuthorizationHandler<StudentOperation, Student>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StudentOperation op, Student student)
    {
        if (Allowed(context.User, op, student)) context.Succeed(op);
        return Task.CompletedTask;
    }

    internal static bool Allowed(ClaimsPrincipal user, StudentOperation op, Student student)
    {
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.UserId), out var me)) return false;
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.SchoolId), out var school) || school != student.SchoolId) return false;
        var self = user.IsStudent() && me == student.Id;
        var mentor = !user.IsStudent() && user.IsInRole(SparkClaims.Mentor) && student.CurrentMentorId == me;
        var admin = user.IsAdmin();
        return op.Name switch
        {
            nameof(StudentOperation.View) => self || mentor || admin,
            nameof(StudentOperation.EditInterests) => self || mentor,
            nameof(StudentOperation.RequestIdeas) => mentor || admin,
            _ => false,
        };
    }
}
