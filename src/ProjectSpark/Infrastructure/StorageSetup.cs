using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;

namespace ProjectSpark.Infrastructure;

/// <summary>Which storage is active: PostgreSQL + pgvector when ConnectionStrings:Postgres is set, else embedded SQLite.</summary>
public sealed record StorageMode(bool IsPostgres, string Description);

public static class StorageSetup
{
    /// <summary>
    /// How long a job being worked on stays invisible to other workers (Hangfire.PostgreSql). One drafting attempt must
    /// end well within it, or a second worker would draft the same request: AiOptions caps the model's timeout to fit.
    /// </summary>
    public static readonly TimeSpan JobInvisibilityTimeout = TimeSpan.FromMinutes(30);

    public static IHostApplicationBuilder AddSparkStorage(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var postgres = config.GetConnectionString("Postgres");
        StorageMode mode;
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddDbContext<SparkDbContext, PostgresSparkDbContext>(o => o.UseNpgsql(postgres, n => n.UseVector()));
            mode = new StorageMode(true, "PostgreSQL + pgvector (HNSW cosine search), Hangfire on PostgreSQL");
        }
        else
        {
            var path = config["Storage:SqlitePath"] is { Length: > 0 } p ? Path.GetFullPath(p, builder.Environment.ContentRootPath)
                : Path.Combine(builder.Environment.ContentRootPath, "data", "projectspark.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.Services.AddDbContext<SparkDbContext, SqliteSparkDbContext>(o => o.UseSqlite($"Data Source={path}"));
            mode = new StorageMode(false, $"embedded SQLite at {path} (exact in-process cosine search), Hangfire in memory (unfinished requests re-enqueued at startup)");
        }
        builder.Services.AddSingleton(mode);

        // Storage and activator are this host's own singletons, not Hangfire's process-wide JobStorage.Current and
        // JobActivator.Current, so that two hosts in one process (the test suite runs several) never share them.
        builder.Services.AddSingleton<JobActivator>(services => new Hangfire.AspNetCore.AspNetCoreJobActivator(
            services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            if (!mode.IsPostgres) return new InMemoryStorage();
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = TimeSpan.FromMilliseconds(config.GetValue("Hangfire:QueuePollMilliseconds", 1000)),
                PrepareSchemaIfNecessary = true,
                InvisibilityTimeout = JobInvisibilityTimeout,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgres, options), options);
        });
        builder.Services.AddHangfire((services, h) => h
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .UseStorage(services.GetRequiredService<JobStorage>()));
        if (config.GetValue("Hangfire:Server", true))
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = config.GetValue("Hangfire:WorkerCount", 4);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.FilterProvider = new HostRetryPolicy(config.GetSection("Hangfire:RetryDelaySeconds").Get<int[]>() is { Length: > 0 } d ? d : [2, 10]);
            });
        return builder;
    }
}

/// <summary>
/// The retry policy of this host's job server: DraftIdeasJob.MaxAttempts attempts, with delays from
/// Hangfire:RetryDelaySeconds (tests make them short). It replaces Hangfire's process-wide default (10 attempts)
/// instead of adding to GlobalJobFilters, so two hosts in one process keep their own settings.
/// </summary>
internal sealed class HostRetryPolicy(int[] delaysInSeconds) : IJobFilterProvider
{
    private readonly JobFilter _retry = new(new AutomaticRetryAttribute
    {
        Attempts = Features.Ideas.DraftIdeasJob.MaxAttempts - 1,
        DelaysInSeconds = delaysInSeconds,
        // The job marks its request failed on its last attempt; Hangfire need not keep a failed copy.
        OnAttemptsExceeded = AttemptsExceededAction.Delete,
    }, JobFilterScope.Method, null);

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        JobFilterProviders.Providers.GetFilters(job).Where(f => f.Instance is not AutomaticRetryAttribute).Append(_retry);
}

/// <summary>
/// Hangfire's log provider is process-wide; this one survives the host that set it being disposed (as happens
/// between test hosts) instead of throwing ObjectDisposedException from deep inside Hangfire.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new Hangfire.AspNetCore.AspNetCoreLogProvider(factory).GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new Silent();
        }
    }

    private sealed class Silent : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
