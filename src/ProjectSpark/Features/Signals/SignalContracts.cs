using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Signals;

public sealed record AttendanceInput(Guid? StudentId, DateOnly? Date, string? Status);
public sealed record AttendanceImport(AttendanceInput[]? Records);
public sealed record GradeInput(Guid? StudentId, string? Course, string? Term, decimal? Percent, bool? Core);
public sealed record GradeImport(GradeInput[]? Grades);
public sealed record ImportResult(int Created, int Updated, int NewFlags);

public sealed record FlagView(string Type, DateOnly Since, string Detail);
public sealed record SignalsResponse(double? AttendanceRate, int DaysEnrolled, int DaysAbsent, IReadOnlyList<FlagView> Flags);
public sealed record FollowUpView(Guid Id, Guid StudentId, string StudentName, Guid? AssigneeId, string FlagType, string Reason, DateOnly DueOn, bool Overdue);

public static class SignalValidation
{
    public const int MaxRecordsPerRequest = 20_000;

    public static readonly IReadOnlyDictionary<string, AttendanceStatus> Statuses = new Dictionary<string, AttendanceStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["present"] = AttendanceStatus.Present, ["absent"] = AttendanceStatus.Absent, ["tardy"] = AttendanceStatus.Tardy, ["excused"] = AttendanceStatus.Excused,
    };

    public static void RequireList<T>(T?[]? items, string field, FieldErrors errors) where T : class
    {
        if (items is null || items.Length == 0) errors.Add(field, $"'{field}' needs at least one item.");
        else if (items.Length > MaxRecordsPerRequest) errors.Add(field, $"At most {MaxRecordsPerRequest} items per request; send more in several requests.");
        else for (var i = 0; i < items.Length; i++) errors.When(items[i] is null, $"{field}[{i}]", "Each item must be an object, not null.");
    }
}
