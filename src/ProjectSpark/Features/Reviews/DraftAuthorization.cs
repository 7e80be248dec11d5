using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Reviews;

/// <summary>A draft together with its student, whose current mentor decides who may review it.</summary>
public sealed record DraftWithStudent(ProjectDraft Draft, Student Student);

public sealed class DraftOperation(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    /// <summary>Read, approve, reject, regenerate, deliver: only the student's mentor now (reassignment moves the queue).</summary>
    public static readonly DraftOperation Review = new(nameof(Review));
    /// <summary>The student sees their own draft once it was delivered in a conversation, and nothing before.</summary>
    public static readonly DraftOperation ViewAsStudent = new(nameof(ViewAsStudent));
}

public sealed class DraftAuthorizationHandler : AuthorizationHandler<DraftOperation, DraftWithStudent>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DraftOperation op, DraftWithStudent resource)
    {
        if (Allowed(context.User, op, resource)) context.Succeed(op);
        return Task.CompletedTask;
    }

    internal static bool Allowed(ClaimsPrincipal user, DraftOperation op, DraftWithStudent r)
    {
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.UserId), out var me)) return false;
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.SchoolId), out var school) || school != r.Draft.SchoolId) return false;
        return op.Name switch
        {
            nameof(DraftOperation.Review) => !user.IsStudent() && user.IsInRole(SparkClaims.Mentor) && r.Student.CurrentMentorId == me,
            nameof(DraftOperation.ViewAsStudent) => user.IsStudent() && r.Draft.StudentId == me && r.Draft.Status == DraftStatus.Delivered,
            _ => false,
        };
    }
}
