using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProjectSpark.Data;

/// <summary>Lets `dotnet ef` build each provider's context without starting the app.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSparkDbContext>
{
    public PostgresSparkDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresSparkDbContext>()
        .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? "Host=localhost;Database=projectspark", n => n.UseVector())
        .Options);
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSparkDbContext>
{
    public SqliteSparkDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteSparkDbContext>()
        .UseSqlite("Data Source=design-time.db").Options);
}
