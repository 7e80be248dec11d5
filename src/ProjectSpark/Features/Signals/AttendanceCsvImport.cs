using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
        var students = await db.Students.AsNoTracking().Where(s => s.SchoolId == school).Select(s => new { s.Id, s.Email }).ToListAsync(ct);
        var byEmail = students.ToDictionary(s => s.Email, s => s.Id);
        var ids = students.Select(s => s.Id).ToHashSet();
        var errors = new List<CsvRowError>();
        int rows = 0, created = 0, updated = 0;
        var batch = new List<(Guid, DateOnly, AttendanceStatus)>();

        await using var csv = CsvReader.Create(body, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true }, true);
        var hasRow = await csv.ReadAsync(ct);
        var headers = (csv.Headers ?? []).Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        if (headers.Count == 0)
            throw new RequestValidationException("body", "The CSV is empty: it needs a header row (email or studentId, date, status).");
        if (!headers.Contains("date") || !headers.Contains("status") || !(headers.Contains("email") || headers.Contains("studentid")))
            throw new RequestValidationException("body", "The header must name the columns email (or studentId), date and status.");
        string? Field(string name) => csv.TryGetFieldIndex(name, out var i) ? csv.GetStringOrNull(i)?.Trim() : null;

        for (; hasRow; hasRow = await csv.ReadAsync(ct))
        {
            rows++;
            var line = (int)csv.LineNumber;
            Guid? student = null;
            var email = Field("email");
            if (!string.IsNullOrEmpty(email)) student = byEmail.TryGetValue(Emails.Normalize(email), out var id) ? id : null;
            else if (Guid.TryParse(Field("studentId"), out var sid) && ids.Contains(sid)) student = sid;
            var dateOk = DateOnly.TryParseExact(Field("date"), ["yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            var statusOk = SignalValidation.Statuses.TryGetValue(Field("status") ?? "", out var status);
            if (student is null) errors.Add(new(line, headers.Contains("email") ? "email" : "studentId", "No student with this email or id at your school."));
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
