using ProjectSpark.Features.Ideas;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Classes;

public sealed record CreateClassRequest(string? Title, string? Subject, Guid[]? TeacherIds, Guid[]? StudentIds)
{
    public void Validate() => new FieldErrors()
        .Required(Title, "title", 200)
        .Optional(Subject, "subject", 100)
        .When(TeacherIds is { Length: > 50 }, "teacherIds", "At most 50 teachers.")
        .When(StudentIds is { Length: > 500 }, "studentIds", "At most 500 students.")
        .ThrowIfAny();
}

public sealed record ClassTeacher(Guid Id, string Name);

public sealed record ClassResponse(Guid Id, string Title, string? Subject, IReadOnlyList<ClassTeacher> Teachers, int StudentCount);

/// <summary>A teacher's request for ideas for a unit they teach the class. Standards are optional and never invented.</summary>
public sealed record CreateClassIdeaRequest(string? Unit, string? Subject, int? GradeLevel, string[]? Standards, int? DurationWeeks, int? Count)
{
    public void Validate()
    {
        var errors = new FieldErrors()
            .Required(Unit, "unit", ClassUnit.MaxUnitLength)
            .Optional(Subject, "subject", ClassUnit.MaxSubjectLength)
            .When(GradeLevel is < 0 or > 12, "gradeLevel", "'gradeLevel' must be between 0 (kindergarten) and 12.")
            .When(Standards is { Length: > ClassUnit.MaxStandards }, "standards", $"At most {ClassUnit.MaxStandards} standards.")
            .When(DurationWeeks is < ClassUnit.MinDurationWeeks or > ClassUnit.MaxDurationWeeks, "durationWeeks",
                $"'durationWeeks' must be between {ClassUnit.MinDurationWeeks} and {ClassUnit.MaxDurationWeeks}.")
            .When(Count is < IdeaRequest.MinCount or > IdeaRequest.MaxCount, "count",
                $"'count' must be between {IdeaRequest.MinCount} and {IdeaRequest.MaxCount}.");
        for (var i = 0; i < (Standards?.Length ?? 0); i++)
        {
            var code = Standards![i]?.Trim();
            errors.When(string.IsNullOrEmpty(code) || code.Length > ClassUnit.MaxStandardLength || code.Any(char.IsControl),
                $"standards[{i}]", $"Each standard must be 1-{ClassUnit.MaxStandardLength} characters, with no control characters.");
        }
        errors.ThrowIfAny();
    }

    /// <summary>The unit as stored; subject and grade fall back to the class's when not given.</summary>
    public ClassUnit ToUnit(string? classSubject, int fallbackGrade) => new(
        Unit!.Trim(),
        string.IsNullOrWhiteSpace(Subject) ? classSubject : Subject.Trim(),
        GradeLevel ?? fallbackGrade,
        (Standards ?? []).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        DurationWeeks ?? ClassUnit.DefaultDurationWeeks);
}
