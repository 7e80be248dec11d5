using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Reviews;

/// <summary>
/// A draft with what decides who may see it: for a personal draft its student (whose current mentor reviews it);
/// for a class draft its class with members, and who requested it.
/// </summary>
public sealed record DraftAccess(ProjectDraft Draft, Student? Student, SchoolClass? Class, Guid? RequestedById);

public sealed class DraftOperation(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    /// <summary>
    /// Read, approve, reject, regenerate, deliver. A personal draft: only the student's mentor now (reassignment moves
    /// the queue). A class draft: the teacher who requested it, a teacher of the class, or an admin; a student's mentor
    /// has no say over it unless they teach the class.
    /// </summary>
    public static readonly DraftOperation Review = new(nameof(Review));
    /// <summary>A student sees a draft once it was delivered: their own, or one of a class they are enrolled in; nothing before.</summary>
    public static readonly DraftOperation ViewAsStudent = new(nameof(ViewAsStudent));
}

public sealed class DraftAuthorizationHandler : AuthorizationHandler<DraftOperation, DraftAccess>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DraftOperation op, DraftAccess resource)
    {
        if (Allowed(context.User, op, resource)) context.Succeed(op);
        return Task.CompletedTask;
    }

    internal static bool Allowed(ClaimsPrincipal user, DraftOperation op, DraftAccess r)
    {
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.UserId), out var me)) return false;
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.SchoolId), out var school) || school != r.Draft.SchoolId) return false;
        var delivered = r.Draft.Status == DraftStatus.Delivered;
        if (r.Draft.ClassId is { } classId)
        {
            if (r.Class is null || r.Class.Id != classId) return false;
            return op.Name switch
            {
                nameof(DraftOperation.Review) => !user.IsStudent() && (user.IsAdmin() || r.RequestedById == me || r.Class.IsTaughtBy(me)),
                nameof(DraftOperation.ViewAsStudent) => user.IsStudent() && delivered && r.Class.Members.Any(m => m.StudentId == me && m.Role == ClassRole.Student),
                _ => false,
            };
        }
        if (r.Student is null || r.Student.Id != r.Draft.StudentId) return false;
        return op.Name switch
        {
            nameof(DraftOperation.Review) => !user.IsStudent() && user.IsInRole(SparkClaims.Mentor) && r.Student.CurrentMentorId == me,
            nameof(DraftOperation.ViewAsStudent) => user.IsStudent() && r.Draft.StudentId == me && delivered,
            _ => false,
        };
    }
}
