using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProjectSpark.Data;

namespace ProjectSpark.IntegrationTests.Infrastructure;

public enum StorageKind { Sqlite, Postgres }

/// <summary>
/// The real app over real HTTP, on embedded SQLite (a temp file) or on PostgreSQL 17 + pgvector
/// (PROJECTSPARK_TEST_POSTGRES, a fresh database per factory). A missing PostgreSQL fails the tests; it never skips them.
/// </summary>
public sealed class SparkFactory : WebApplicationFactory<Program>
{
    public StorageKind Kind { get; }
    public string ConnectionString { get; }
    /// <summary>Every log message the app wrote, at every level (for "the key is never logged").</summary>
    public LogCapture Logs { get; } = new();
    private readonly bool _hangfireServer;
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public SparkFactory(StorageKind kind, string? connectionString = null, bool hangfireServer = true,
        string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    {
        Kind = kind;
        _hangfireServer = hangfireServer;
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string>();
        ConnectionString = connectionString ?? (kind == StorageKind.Sqlite ? NewSqliteDatabase() : NewPostgresDatabase());
    }

    public static string NewSqliteDatabase() => Path.Combine(Path.GetTempPath(), $"projectspark-test-{Guid.NewGuid():N}.db");

    public static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("PROJECTSPARK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                "PROJECTSPARK_TEST_POSTGRES is not set. Run the tests with ./scripts/test.sh, which provides PostgreSQL 17 + pgvector, " +
                "or set it to a connection string of a server that has the pgvector extension.");
        var name = $"projectspark_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Hangfire:Server", _hangfireServer ? "true" : "false");
        builder.UseSetting("Hangfire:QueuePollMilliseconds", "200");
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("ConnectionStrings:Postgres", Kind == StorageKind.Postgres ? ConnectionString : "");
        builder.UseSetting("Storage:SqlitePath", Kind == StorageKind.Sqlite ? ConnectionString : "");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public T WithDb<T>(Func<SparkDbContext, T> action)
    {
        using var scope = Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<SparkDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<SparkDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<SparkDbContext>());
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureLogging(l => l.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        return base.CreateHost(builder);
    }
}

/// <summary>One app per storage mode for the whole run (the MiniLM encoder is ~420 MB per process).</summary>
public sealed class SqliteApp : IDisposable
{
    public SparkFactory Factory { get; } = new(StorageKind.Sqlite);
    public void Dispose() => Factory.Dispose();
}

public sealed class PostgresApp : IDisposable
{
    public SparkFactory Factory { get; } = new(StorageKind.Postgres);
    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp> { public const string Name = "sqlite"; }

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp> { public const string Name = "postgres"; }
