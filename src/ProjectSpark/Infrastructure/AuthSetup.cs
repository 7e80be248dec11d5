using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;

namespace ProjectSpark.Infrastructure;

/// <summary>
/// Bearer tokens from the school's OpenID Connect provider (Auth:Authority, Auth:Audience); in Development,
/// tokens the app signs itself (POST /api/dev/tokens). Roles never come from the token: they come from the
/// app's own staff and student records, matched by the token's email.
/// </summary>
public static class AuthSetup
{
    public const string DevIssuer = "projectspark-dev";
    public const string DevAudience = "projectspark";
    private const string Smart = "bearer-or-cookie";

    public static SymmetricSecurityKey DevSigningKey(IConfiguration config) =>
        new(Encoding.UTF8.GetBytes(config["Auth:DevSigningKey"] is { Length: >= 32 } k ? k : "projectspark-development-only-signing-key-0123456789"));

    public static IHostApplicationBuilder AddSparkAuth(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var dev = builder.Environment.IsDevelopment();
        // API callers send a bearer token; people in a browser carry a cookie. One policy scheme picks per request.
        var auth = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = Smart;
            o.DefaultChallengeScheme = Smart;
        });
        auth.AddPolicyScheme(Smart, "Bearer or cookie", o => o.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.StartsWithSegments("/api")
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme);
        auth.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (dev)
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = DevIssuer, ValidAudience = DevAudience, IssuerSigningKey = DevSigningKey(config),
                    NameClaimType = SparkClaims.Email, RoleClaimType = SparkClaims.Role,
                };
            }
            else
            {
                o.Authority = config["Auth:Authority"];
                o.Audience = config["Auth:Audience"];
                o.TokenValidationParameters.NameClaimType = SparkClaims.Email;
                o.TokenValidationParameters.RoleClaimType = SparkClaims.Role;
            }
        });
        var oidc = !dev && !string.IsNullOrWhiteSpace(config["Auth:Authority"]) && !string.IsNullOrWhiteSpace(config["Auth:ClientId"]);
        auth.AddCookie(o =>
        {
            o.LoginPath = "/sign-in";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "projectspark";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            if (oidc) o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
        });
        // Production pages: the school's OpenID Connect directory (Google, Microsoft...). The app stores no passwords.
        if (oidc)
            auth.AddOpenIdConnect(o =>
            {
                o.Authority = config["Auth:Authority"];
                o.ClientId = config["Auth:ClientId"];
                o.ClientSecret = config["Auth:ClientSecret"];
                o.ResponseType = "code";
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.MapInboundClaims = false;
                o.Scope.Add("email");
                o.TokenValidationParameters.NameClaimType = SparkClaims.Email;
            });
        builder.Services.AddScoped<IClaimsTransformation, SchoolClaimsTransformation>();
        // No fallback policy, so an unknown URL is a plain 404; instead every endpoint names its policy or
        // AllowAnonymous, which a test enforces (EveryEndpointDeclaresWhoMayCallIt).
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(SparkClaims.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(SparkClaims.Admin, SparkClaims.Mentor, SparkClaims.Teacher))
            .AddPolicy(Policies.Student, p => p.RequireRole(SparkClaims.Student))
            .AddPolicy(Policies.Member, p => p.RequireClaim(SparkClaims.UserId));
        builder.Services.AddScoped<IAuthorizationHandler, Features.Students.StudentAuthorizationHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, Features.Reviews.DraftAuthorizationHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, Features.Classes.ClassAuthorizationHandler>();
        return builder;
    }

    /// <summary>Authorizes access to a loaded resource; a student is told "not found", staff "forbidden".</summary>
    public static async Task RequireAsync(this IAuthorizationService auth, ClaimsPrincipal user, object resource,
        IAuthorizationRequirement requirement, string what)
    {
        var result = await auth.AuthorizeAsync(user, resource, requirement);
        if (result.Succeeded) return;
        if (user.IsStudent()) throw new NotFoundException(what);
        throw new ForbiddenException();
    }
}

/// <summary>Adds the user's id, school and roles from the database, once per request.</summary>
public sealed class SchoolClaimsTransformation(SparkDbContext db) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == SparkClaims.UserId)) return principal;
        var email = principal.FindFirstValue(SparkClaims.Email) ?? principal.FindFirstValue("preferred_username");
        if (string.IsNullOrWhiteSpace(email)) return principal;
        email = Emails.Normalize(email);

        var claims = new List<Claim>();
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Email == email);
        if (staff is not null)
        {
            claims.Add(new(SparkClaims.UserId, staff.Id.ToString()));
            claims.Add(new(SparkClaims.SchoolId, staff.SchoolId.ToString()));
            claims.Add(new(SparkClaims.Kind, "staff"));
            claims.AddRange(StaffMember.ToNames(staff.Roles).Select(r => new Claim(SparkClaims.Role, r)));
        }
        else if (await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Email == email) is { } student)
        {
            claims.Add(new(SparkClaims.UserId, student.Id.ToString()));
            claims.Add(new(SparkClaims.SchoolId, student.SchoolId.ToString()));
            claims.Add(new(SparkClaims.Kind, "student"));
            claims.Add(new(SparkClaims.Role, SparkClaims.Student));
        }
        if (claims.Count == 0) return principal;

        var result = principal.Clone();
        result.AddIdentity(new ClaimsIdentity(claims, "school", SparkClaims.Email, SparkClaims.Role));
        return result;
    }
}
