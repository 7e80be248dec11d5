using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Signals;

public sealed record CsvRowError(int Line, string Field, string Message);

public sealed record CsvImportReport(bool DryRun, int Rows, int Created, int Updated, int Unchanged, int NewFlags, IReadOnlyList<CsvRowError> Errors);

/// <summary>
/// Attendance as a CSV file (header: email or studentId, date, status), read as a stream in batches so a whole
/// year keeps memory flat. Every row is either imported or reported with its line; a bad row never stops the rest.
/// With dryRun=true nothing is written and the report says what would happen.
/// </summary>
public static class AttendanceCsvImport
{
    private const int BatchSize = 5000;

    public static IEndpointRouteBuilder MapAttendanceCsvImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/attendance/import", Import).WithTags("Signals").WithName("ImportAttendanceCsv")
            .WithSummary("Import attendance from CSV (text/csv body; columns email or studentId, date, status); ?dryRun=true reports without writing (admin)")
            .Accepts<string>("text/csv").RequireAuthorization(Policies.Admin).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    public static async Task<Ok<CsvImportReport>> Import(HttpRequest http, bool? dryRun, ClaimsPrincipal user, SparkDbContext db,
        SignalCalculator signals, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(http.Body, dryRun == true, user.SchoolIdOf(), db, signals, clock, ct));

    /// <summary>Reads one attendance CSV into the school; the API and the admin's import page both come here.</summary>
    public static async Task<CsvImportReport> RunAsync(Stream body, bool dry, Guid school, SparkDbContext db,
        SignalCalculator signals, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<CsvRowError>();
        int rows = 0, created = 0, updated = 0;
        var batch = new List<(Guid, DateOnly, AttendanceStatus)>();

        await using var csv = await StudentCsv.OpenAsync(body, school, db, ["date", "status"], ct);
        while (await csv.ReadAsync(ct))
        {
            rows++;
            var line = csv.Line;
            var student = csv.Student();
            var dateOk = DateOnly.TryParseExact(csv.Field("date"), ["yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            var statusOk = SignalValidation.Statuses.TryGetValue(csv.Field("status") ?? "", out var status);
            if (student is null) errors.Add(new(line, csv.StudentField, "No student with this email or id at your school."));
            else if (!dateOk) errors.Add(new(line, "date", "Not a date (use yyyy-MM-dd)."));
            else if (!statusOk) errors.Add(new(line, "status", "Must be present, absent, tardy or excused."));
            else batch.Add((student.Value, date, status));
            if (batch.Count >= BatchSize) (created, updated) = Add((created, updated), await Flush(batch));
        }
        (created, updated) = Add((created, updated), await Flush(batch));
        var newFlags = dry ? 0 : await signals.RecomputeAsync(school, ct);
        var valid = rows - errors.Count;
        return new CsvImportReport(dry, rows, created, updated, valid - created - updated, newFlags, errors);

        async Task<(int, int)> Flush(List<(Guid, DateOnly, AttendanceStatus)> items)
        {
            if (items.Count == 0) return (0, 0);
            // A dry run counts exactly as the real import would, then throws the tracked changes away.
            var result = await SignalsApi.UpsertAttendanceAsync(db, school, items, clock.GetUtcNow(), ct, save: !dry);
            db.ChangeTracker.Clear();
            items.Clear();
            return result;
        }
    }

    private static (int, int) Add((int, int) a, (int, int) b) => (a.Item1 + b.Item1, a.Item2 + b.Item2);
}
