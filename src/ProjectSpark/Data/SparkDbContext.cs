using Microsoft.EntityFrameworkCore;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Data;

/// <summary>
/// One model, two providers. Each provider has its own subclass so that each keeps its own migrations:
///   dotnet ef migrations add NAME --context PostgresSparkDbContext --output-dir Data/Migrations/Postgres
///   dotnet ef migrations add NAME --context SqliteSparkDbContext --output-dir Data/Migrations/Sqlite
/// (run from src/ProjectSpark after `dotnet tool restore`). Production applies them with
///   dotnet ef database update --context PostgresSparkDbContext --connection "$ConnectionStrings__Postgres"
/// </summary>
public abstract class SparkDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<School> Schools => Set<School>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<MentorAssignment> MentorAssignments => Set<MentorAssignment>();
    public DbSet<IdeaRequest> IdeaRequests => Set<IdeaRequest>();
    public DbSet<ProjectDraft> Drafts => Set<ProjectDraft>();
    public DbSet<ClassProjectResponse> ClassProjectResponses => Set<ClassProjectResponse>();
    public DbSet<Features.Relationships.Connection> Connections => Set<Features.Relationships.Connection>();
    public DbSet<Features.CheckIns.CheckIn> CheckIns => Set<Features.CheckIns.CheckIn>();
    public DbSet<Features.Signals.AttendanceRecord> Attendance => Set<Features.Signals.AttendanceRecord>();
    public DbSet<Features.Signals.CourseGrade> CourseGrades => Set<Features.Signals.CourseGrade>();
    public DbSet<Features.Signals.StudentFlag> Flags => Set<Features.Signals.StudentFlag>();
    public DbSet<Features.Signals.FollowUp> FollowUps => Set<Features.Signals.FollowUp>();
    public DbSet<Features.Classes.SchoolClass> Classes => Set<Features.Classes.SchoolClass>();
    public DbSet<Features.Classes.ClassMember> ClassMembers => Set<Features.Classes.ClassMember>();
    public DbSet<AI.EmbeddingSettings> EmbeddingSettings => Set<AI.EmbeddingSettings>();

    public bool IsPostgres => Database.IsNpgsql();

    protected override void OnModelCreating(ModelBuilder model)
    {
        if (IsPostgres) model.HasPostgresExtension("vector");
        model.ApplyConfigurationsFromAssembly(typeof(SparkDbContext).Assembly, t => t.Namespace == typeof(SparkDbContext).Namespace + ".Configurations");
        new Configurations.ProjectDraftConfiguration(IsPostgres).Configure(model.Entity<ProjectDraft>());
        new Configurations.IdeaRequestConfiguration(IsPostgres).Configure(model.Entity<IdeaRequest>());
        // Ids are made by the entities themselves (UUIDv7), so a new child in a collection is an insert, not an update.
        foreach (var key in model.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
            foreach (var property in key.Properties) property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there. PostgreSQL keeps timestamptz.
        if (!Database.IsNpgsql())
        {
            conventions.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
            conventions.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        }
    }
}

public sealed class PostgresSparkDbContext(DbContextOptions<PostgresSparkDbContext> options) : SparkDbContext(options);

public sealed class SqliteSparkDbContext(DbContextOptions<SqliteSparkDbContext> options) : SparkDbContext(options);
