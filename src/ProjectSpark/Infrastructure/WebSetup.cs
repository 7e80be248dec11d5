using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProjectSpark.Data;
using ProjectSpark.Features.Demo;
using ProjectSpark.Features.Ideas;
using Scalar.AspNetCore;

namespace ProjectSpark.Infrastructure;

public static class WebSetup
{
    public static IHostApplicationBuilder AddSparkWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Malformed JSON and unknown fields (over-posting, e.g. "status") become 400s naming the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddIdeaRequestRateLimit(builder.Configuration);
        services.AddScoped<IdeaQueue>();
        services.AddScoped<DraftIdeasJob>();
        services.AddSingleton<Features.Relationships.InterestVectors>();
        services.AddScoped<Features.Reviews.RefreshStartersJob>();
        services.AddScoped<Features.Projects.SimilarProjects>();
        services.AddScoped<IdeaBudget>();
        services.AddScoped<AI.Reembedder>();
        services.AddScoped<DemoSeed>();
        services.AddOptions<Features.Signals.SignalThresholds>().BindConfiguration("Signals");
        services.AddScoped<Features.Signals.SignalCalculator>();
        services.AddScoped<Features.Signals.RecomputeSignalsJob>();
        return builder;
    }

    public static WebApplication UseSparkWeb(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseWhen(http => ProblemDetailsExceptionHandler.IsApi(http.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(http => !ProblemDetailsExceptionHandler.IsApi(http.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/error", "?code={0}"));
        app.UseSparkSecurityHeaders();
        app.UseStaticFiles();
        // Routing after the error pages, so that re-executing "/error" finds its page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: the limit is per signed-in user.
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}

public sealed class DatabaseHealthCheck(SparkDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database does not answer.");
}
