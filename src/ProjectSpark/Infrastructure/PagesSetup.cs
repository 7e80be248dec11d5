using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;

namespace ProjectSpark.Infrastructure;

/// <summary>The server-rendered portal: Razor Pages in this app, cookie sign-in, a strict Content-Security-Policy.</summary>
public static class PagesSetup
{
    public static IHostApplicationBuilder AddSparkPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AuthorizeFolder("/Student", Policies.Student);
            o.Conventions.AuthorizeFolder("/Mentor", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Teacher", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        });
        builder.Services.AddSingleton<StagedUploads>();
        return builder;
    }

    public static WebApplication MapSparkPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/sign-in/school", () => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/" },
            [OpenIdConnectDefaults.AuthenticationScheme])).ExcludeFromDescription().AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.MapGet("/dev/sign-in", DevSignIn).WithName("DevSignIn").ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>Security headers for pages: no third-party anything, no inline script, no framing.</summary>
    public static WebApplication UseSparkSecurityHeaders(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            if (!path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/openapi"))
            {
                var h = http.Response.Headers;
                h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                                          "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "same-origin";
            }
            await next();
        });
        return app;
    }

    /// <summary>Development only: sign in as an existing user by email, then go home.</summary>
    private static async Task<IResult> DevSignIn(string? email, HttpContext http, SparkDbContext db)
    {
        if (string.IsNullOrWhiteSpace(email)) return TypedResults.Redirect("/sign-in");
        email = Emails.Normalize(email);
        var exists = await db.Staff.AnyAsync(s => s.Email == email) || await db.Students.AnyAsync(s => s.Email == email);
        if (!exists) throw new NotFoundException($"A user with email '{email}'");
        var identity = new ClaimsIdentity([new Claim(SparkClaims.Email, email)], CookieAuthenticationDefaults.AuthenticationScheme,
            SparkClaims.Email, SparkClaims.Role);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect("/");
    }
}
