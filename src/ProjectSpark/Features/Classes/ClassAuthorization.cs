using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Classes;

public sealed class ClassOperation(string name) : IAuthorizationRequirement
{
    public string Name { get; } = name;

    /// <summary>Request ideas for the class, follow their drafting: a teacher of the class, or an admin of the school.</summary>
    public static readonly ClassOperation Teach = new(nameof(Teach));
}

public sealed class ClassAuthorizationHandler : AuthorizationHandler<ClassOperation, SchoolClass>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClassOperation op, SchoolClass resource)
    {
        if (Allowed(context.User, op, resource)) context.Succeed(op);
        return Task.CompletedTask;
    }

    internal static bool Allowed(ClaimsPrincipal user, ClassOperation op, SchoolClass c)
    {
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.UserId), out var me)) return false;
        if (!Guid.TryParse(user.FindFirstValue(SparkClaims.SchoolId), out var school) || school != c.SchoolId) return false;
        if (user.IsStudent()) return false;
        return op.Name switch
        {
            nameof(ClassOperation.Teach) => user.IsAdmin() || c.IsTaughtBy(me),
            _ => false,
        };
    }
}
