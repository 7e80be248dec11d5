using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Demo;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Staff;

namespace ProjectSpark.Infrastructure;

/// <summary>Before the app serves: migrate (Development, or Database:MigrateOnStartup), bootstrap, seed, and recover the queue.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SparkDbContext>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("ProjectSpark.Startup");
        var config = app.Configuration;
        log.LogInformation("Storage mode: {Mode}", services.GetRequiredService<StorageMode>().Description);

        await MigrateIfConfiguredAsync(app, db, log);
        await AI.EmbeddingGuard.CheckAsync(db, services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            services.GetRequiredService<TimeProvider>());

        await BootstrapAdminAsync(db, config, log);
        if (app.Environment.IsDevelopment() && config.GetValue("Demo:Seed", true))
            await services.GetRequiredService<DemoSeed>().SeedIfEmptyAsync();

        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<Features.Signals.RecomputeSignalsJob>(
            "signals-nightly", job => job.EnqueueAllAsync(CancellationToken.None), Cron.Daily(2));

        var requeued = await IdeaRecovery.RequeueUnfinishedAsync(db, services.GetRequiredService<IBackgroundJobClient>());
        if (requeued > 0) log.LogInformation("Re-enqueued {Count} idea requests left unfinished by the last run", requeued);
    }

    /// <summary>`reembed`: recomputes every draft's embedding with the configured model and records it, then the process exits.</summary>
    public static async Task ReembedAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ProjectSpark.Reembed");
        await MigrateIfConfiguredAsync(app, scope.ServiceProvider.GetRequiredService<SparkDbContext>(), log);
        var count = await scope.ServiceProvider.GetRequiredService<AI.Reembedder>().RunAsync();
        log.LogInformation("Re-embedded {Count} drafts; the app can start with this embedding model now", count);
    }

    private static async Task MigrateIfConfiguredAsync(WebApplication app, SparkDbContext db, ILogger log)
    {
        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue("Database:MigrateOnStartup", false)) return;
        await db.Database.MigrateAsync();
        log.LogInformation("Database migrations applied");
    }

    /// <summary>Production's first admin: Bootstrap:AdminEmail (with Bootstrap:SchoolName, Bootstrap:AdminName) if no such staff exists.</summary>
    private static async Task BootstrapAdminAsync(SparkDbContext db, IConfiguration config, ILogger log)
    {
        var email = config["Bootstrap:AdminEmail"];
        if (string.IsNullOrWhiteSpace(email)) return;
        email = Emails.Normalize(email);
        if (await db.Staff.AnyAsync(s => s.Email == email)) return;
        var schoolName = config["Bootstrap:SchoolName"] ?? "My school";
        var school = await db.Schools.FirstOrDefaultAsync(s => s.Name == schoolName) ?? db.Schools.Add(new School(schoolName)).Entity;
        db.Staff.Add(new StaffMember(school.Id, config["Bootstrap:AdminName"] ?? "Administrator", email, StaffRoles.Admin | StaffRoles.Mentor));
        await db.SaveChangesAsync();
        log.LogInformation("Bootstrapped admin {Email} at {School}", email, schoolName);
    }
}
