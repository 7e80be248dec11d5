using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Account;

public sealed record DevTokenRequest(string? Email);
public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
public sealed record MeResponse(Guid Id, string Kind, string Name, string Email, string[] Roles, Guid SchoolId);

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app, IHostEnvironment env)
    {
        app.MapGet("/api/me", Me).WithTags("Account").WithName("Me").WithSummary("Who you are signed in as, and your roles")
            .RequireAuthorization(Policies.Member).ProducesProblem(401).ProducesProblem(403);
        // Development only: outside it the route does not exist (404).
        if (env.IsDevelopment())
            app.MapPost("/api/dev/tokens", IssueDevToken).WithTags("Account").WithName("IssueDevToken")
                .WithSummary("Development only: a bearer token for an existing user, by email").AllowAnonymous()
                .ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    public static async Task<Ok<MeResponse>> Me(ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var id = user.UserIdOf();
        if (user.IsStudent())
        {
            var s = await db.Students.AsNoTracking().FirstAsync(x => x.Id == id, ct);
            return TypedResults.Ok(new MeResponse(s.Id, "student", s.DisplayName, s.Email, [SparkClaims.Student], s.SchoolId));
        }
        var staff = await db.Staff.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        return TypedResults.Ok(new MeResponse(staff.Id, "staff", staff.Name, staff.Email, StaffMember.ToNames(staff.Roles), staff.SchoolId));
    }

    public static async Task<Ok<DevTokenResponse>> IssueDevToken(DevTokenRequest request, SparkDbContext db, IConfiguration config,
        TimeProvider clock, CancellationToken ct)
    {
        new FieldErrors().Email(request.Email, "email").ThrowIfAny();
        var email = Emails.Normalize(request.Email!);
        var exists = await db.Staff.AnyAsync(s => s.Email == email, ct) || await db.Students.AnyAsync(s => s.Email == email, ct);
        if (!exists) throw new NotFoundException($"A user with email '{email}'");
        var expires = clock.GetUtcNow().AddHours(8);
        var token = new JwtSecurityToken(AuthSetup.DevIssuer, AuthSetup.DevAudience,
            [new Claim(SparkClaims.Email, email), new Claim(JwtRegisteredClaimNames.Sub, email)],
            expires: expires.UtcDateTime,
            signingCredentials: new SigningCredentials(AuthSetup.DevSigningKey(config), SecurityAlgorithms.HmacSha256));
        return TypedResults.Ok(new DevTokenResponse(new JwtSecurityTokenHandler().WriteToken(token), expires));
    }
}
