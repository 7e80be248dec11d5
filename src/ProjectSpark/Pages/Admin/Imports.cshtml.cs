using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ProjectSpark.Data;
using ProjectSpark.Features.Roster;
using ProjectSpark.Features.Signals;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages.Admin;

/// <summary>
/// Roster and attendance imports, always as a dry run first: the admin sees what would be created, updated and
/// refused (by file and line) and only then confirms. The file is staged between the two steps, never chosen twice.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportsModel(SparkDbContext db, SignalCalculator signals, IOptions<SignalThresholds> thresholds, TimeProvider clock,
    StagedUploads staged) : SparkPageModel
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;
    public const int ShownIssues = 200;

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["oneroster"] = "A OneRoster 1.1 or 1.2 export (zip)",
        ["people"] = "Students and staff (CSV: role, name, email, grade, sourcedId)",
        ["attendance"] = "Attendance (CSV: email or studentId, date, status)",
        ["grades"] = "Course grades (CSV: email or studentId, course, term, percent, optional core)",
    };

    public string? Kind { get; private set; }
    public string? Token { get; private set; }
    public string? FileName { get; private set; }
    public RosterReport? Roster { get; private set; }
    public CsvImportReport? Attendance { get; private set; }
    public bool DryRun { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(string? kind, IFormFile? file, CancellationToken ct)
    {
        if (kind is null || !Kinds.ContainsKey(kind)) return Refuse("Choose what kind of file you are importing.");
        if (file is null || file.Length == 0) return Refuse("Choose a file to import.");
        await using (var upload = file.OpenReadStream())
            Token = await staged.SaveAsync(User.SchoolIdOf(), User.UserIdOf(), kind, upload, ct);
        Kind = kind;
        FileName = Path.GetFileName(file.FileName);
        return await RunAsync(dryRun: true, ct);
    }

    public async Task<IActionResult> OnPostCommitAsync(string? kind, string? token, string? fileName, CancellationToken ct)
    {
        if (kind is null || !Kinds.ContainsKey(kind)) return Refuse("Choose what kind of file you are importing.");
        (Kind, Token, FileName) = (kind, token, fileName);
        return await RunAsync(dryRun: false, ct);
    }

    public IActionResult OnPostDiscard(string? kind, string? token)
    {
        if (kind is not null && Kinds.ContainsKey(kind) && token is not null) staged.Delete(User.SchoolIdOf(), User.UserIdOf(), kind, token);
        TempData["Notice"] = "Nothing was imported.";
        return RedirectToPage();
    }

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken ct)
    {
        var (school, user) = (User.SchoolIdOf(), User.UserIdOf());
        await using (var file = staged.Open(school, user, Kind!, Token))
        {
            if (file is null) return Refuse("That upload is no longer here (uploads are kept for a day, and each is imported once). Choose the file again.");
            try
            {
                if (Kind == "attendance") Attendance = await AttendanceCsvImport.RunAsync(file, dryRun, school, db, signals, clock, ct);
                else if (Kind == "grades") Attendance = await GradeCsvImport.RunAsync(file, dryRun, school, db, signals, thresholds.Value, clock, ct);
                else if (Kind == "people") Roster = await RosterApi.RunPeopleAsync(file, dryRun, school, db, ct);
                else Roster = await RosterApi.RunOneRosterAsync(file, dryRun, school, db, ct);
            }
            catch (RequestValidationException e)
            {
                staged.Delete(school, user, Kind!, Token!);
                return Refuse("This file cannot be imported: " + string.Join(" ", e.Errors.SelectMany(x => x.Value)));
            }
        }
        DryRun = dryRun;
        if (!dryRun)
        {
            staged.Delete(school, user, Kind!, Token!);
            TempData["Notice"] = "Imported. The report below is what was written.";
        }
        return Page();
    }

    private RedirectToPageResult Refuse(string message)
    {
        TempData["Error"] = message;
        return RedirectToPage();
    }
}
