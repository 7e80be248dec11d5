using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectSpark.Data;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Roster;

/// <summary>
/// Roster imports into the admin's own school. The whole import runs in one transaction: a dry run counts exactly
/// as the real run would, then rolls back, so nothing is written. Bad rows are reported by file and line and never
/// stop the rest; a bad header is a 400 naming the file.
/// </summary>
public static class RosterApi
{
    public static IEndpointRouteBuilder MapRosterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/roster").WithTags("Roster").RequireAuthorization(Policies.Admin);
        api.MapPost("/import", ImportOneRoster).WithName("ImportOneRoster")
            .WithSummary("Import a OneRoster 1.1/1.2 CSV export: a zip body (application/zip), or multipart/form-data with a zip or " +
                "the CSV files by name (users.csv required; orgs, roles, classes, enrollments, manifest optional). " +
                "Re-import matches by sourcedId, then email; ?dryRun=true reports without writing (admin)")
            .Accepts<IFormFile>("application/zip", "multipart/form-data")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapPost("/people", ImportPeople).WithName("ImportPeopleCsv")
            .WithSummary("Import students and staff from a plain CSV (text/csv; header role,name,email,grade,sourcedId; role student, " +
                "or mentor;teacher;admin combined with ';'); ?dryRun=true reports without writing (admin)")
            .Accepts<string>("text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    public static async Task<Ok<RosterReport>> ImportOneRoster(HttpRequest http, bool? dryRun, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        await using var files = await RosterFiles.ReadAsync(http, ct);
        var tally = new RosterTally(dryRun == true);
        await InTransactionAsync(db, dryRun == true, () => new OneRosterImport(db, user.SchoolIdOf(), tally).RunAsync(files, ct), ct);
        return TypedResults.Ok(tally.ToReport());
    }

    public static async Task<Ok<RosterReport>> ImportPeople(HttpRequest http, bool? dryRun, ClaimsPrincipal user, SparkDbContext db, CancellationToken ct)
    {
        var tally = new RosterTally(dryRun == true);
        await InTransactionAsync(db, dryRun == true, () => new PeopleCsvImport(db, user.SchoolIdOf(), tally).RunAsync(http.Body, ct), ct);
        return TypedResults.Ok(tally.ToReport());
    }

    /// <summary>A OneRoster zip from a stream (the admin's import page); same rules as the API.</summary>
    public static async Task<RosterReport> RunOneRosterAsync(Stream zip, bool dryRun, Guid school, SparkDbContext db, CancellationToken ct)
    {
        await using var files = await RosterFiles.FromZipAsync(zip, ct);
        var tally = new RosterTally(dryRun);
        await InTransactionAsync(db, dryRun, () => new OneRosterImport(db, school, tally).RunAsync(files, ct), ct);
        return tally.ToReport();
    }

    /// <summary>A plain people CSV from a stream (the admin's import page); same rules as the API.</summary>
    public static async Task<RosterReport> RunPeopleAsync(Stream csv, bool dryRun, Guid school, SparkDbContext db, CancellationToken ct)
    {
        var tally = new RosterTally(dryRun);
        await InTransactionAsync(db, dryRun, () => new PeopleCsvImport(db, school, tally).RunAsync(csv, ct), ct);
        return tally.ToReport();
    }

    private static async Task InTransactionAsync(SparkDbContext db, bool rollback, Func<Task> import, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await import();
        if (rollback) await transaction.RollbackAsync(ct);
        else await transaction.CommitAsync(ct);
    }
}
