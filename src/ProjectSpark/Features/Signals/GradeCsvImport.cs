using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProjectSpark.Data;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Signals;

/// <summary>
/// Course grades as a CSV file (header: email or studentId, course, term, percent, and optionally core), read as a
/// stream in batches like attendance. One grade per student, course and term: a later row replaces it. Every row is
/// imported or reported with its line; with dryRun=true nothing is written.
/// </summary>
public static class GradeCsvImport
{
    private const int BatchSize = 5000;
    private static readonly Dictionary<string, bool> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = true, ["yes"] = true, ["y"] = true, ["1"] = true, ["false"] = false, ["no"] = false, ["n"] = false, ["0"] = false,
    };

    public static IEndpointRouteBuilder MapGradeCsvImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/grades/import", Import).WithTags("Signals").WithName("ImportGradesCsv")
            .WithSummary("Import course grades from CSV (text/csv body; columns email or studentId, course, term, percent, optional core); ?dryRun=true reports without writing (admin)")
            .Accepts<string>("text/csv").RequireAuthorization(Policies.Admin).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    public static async Task<Ok<CsvImportReport>> Import(HttpRequest http, bool? dryRun, ClaimsPrincipal user, SparkDbContext db,
        SignalCalculator signals, IOptions<SignalThresholds> thresholds, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(http.Body, dryRun == true, user.SchoolIdOf(), db, signals, thresholds.Value, clock, ct));

    public static async Task<CsvImportReport> RunAsync(Stream body, bool dry, Guid school, SparkDbContext db,
        SignalCalculator signals, SignalThresholds thresholds, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<CsvRowError>();
        int rows = 0, created = 0, updated = 0;
        var batch = new List<(Guid, string, string, decimal, bool?)>();

        await using var csv = await StudentCsv.OpenAsync(body, school, db, ["course", "term", "percent"], ct);
        while (await csv.ReadAsync(ct))
        {
            rows++;
            var line = csv.Line;
            var student = csv.Student();
            var course = csv.Field("course");
            var term = csv.Field("term");
            var percentOk = decimal.TryParse(csv.Field("percent")?.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent)
                            && percent is >= 0 and <= 100;
            var coreText = csv.Field("core");
            bool? core = string.IsNullOrEmpty(coreText) ? null : Flags.TryGetValue(coreText, out var c) ? c : null;
            if (student is null) errors.Add(new(line, csv.StudentField, "No student with this email or id at your school."));
            else if (string.IsNullOrEmpty(course) || course.Length > 100 || course.Contains('\0')) errors.Add(new(line, "course", "A course name of 1-100 characters is required."));
            else if (string.IsNullOrEmpty(term) || term.Length > 40 || term.Contains('\0')) errors.Add(new(line, "term", "A term of 1-40 characters is required."));
            else if (!percentOk) errors.Add(new(line, "percent", "Must be a number from 0 to 100."));
            else if (!string.IsNullOrEmpty(coreText) && core is null) errors.Add(new(line, "core", "Must be true or false (or empty)."));
            else batch.Add((student.Value, course, term, percent, core));
            if (batch.Count >= BatchSize) (created, updated) = Add((created, updated), await Flush(batch));
        }
        (created, updated) = Add((created, updated), await Flush(batch));
        var newFlags = dry ? 0 : await signals.RecomputeAsync(school, ct);
        var valid = rows - errors.Count;
        return new CsvImportReport(dry, rows, created, updated, valid - created - updated, newFlags, errors);

        async Task<(int, int)> Flush(List<(Guid, string, string, decimal, bool?)> items)
        {
            if (items.Count == 0) return (0, 0);
            var result = await SignalsApi.UpsertGradesAsync(db, school, items, thresholds, clock.GetUtcNow(), ct, save: !dry);
            db.ChangeTracker.Clear();
            items.Clear();
            return result;
        }
    }

    private static (int, int) Add((int, int) a, (int, int) b) => (a.Item1 + b.Item1, a.Item2 + b.Item2);
}
