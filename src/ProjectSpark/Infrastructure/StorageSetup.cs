using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;

namespace ProjectSpark.Infrastructure;

/// <summary>Which storage is active: PostgreSQL + pgvector when ConnectionStrings:Postgres is set, else embedded SQLite.</summary>
public sealed record StorageMode(bool IsPostgres, string Description);

public static class StorageSetup
{
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

        builder.Services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (mode.IsPostgres)
                h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    QueuePollInterval = TimeSpan.FromMilliseconds(config.GetValue("Hangfire:QueuePollMilliseconds", 1000)),
                    PrepareSchemaIfNecessary = true,
                });
            else
                h.UseInMemoryStorage();
        });
        if (config.GetValue("Hangfire:Server", true))
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = config.GetValue("Hangfire:WorkerCount", 4);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        return builder;
    }
}
