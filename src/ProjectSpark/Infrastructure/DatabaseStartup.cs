using Hangfire;
using Microsoft.EntityFrameworkCore;
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

        if (app.Environment.IsDevelopment() || config.GetValue("Database:MigrateOnStartup", false))
        {
            await db.Database.MigrateAsync();
            log.LogInformation("Database migrations applied");
        }

        await BootstrapAdminAsync(db, config, log);
        if (app.Environment.IsDevelopment() && config.GetValue("Demo:Seed", true))
            await services.GetRequiredService<DemoSeed>().SeedIfEmptyAsync();

        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<Features.Signals.RecomputeSignalsJob>(
            "signals-nightly", job => job.EnqueueAllAsync(CancellationToken.None), Cron.Daily(2));

        var requeued = await IdeaRecovery.RequeueUnfinishedAsync(db, services.GetRequiredService<IBackgroundJobClient>());
        if (requeued > 0) log.LogInformation("Re-enqueued {Count} idea requests left unfinished by the last run", requeued);
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
