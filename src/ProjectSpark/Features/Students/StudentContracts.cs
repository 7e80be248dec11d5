using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Students;

public sealed record CreateStudentRequest(string? DisplayName, string? Email, int? GradeLevel)
{
    public void Validate() => new FieldErrors()
        .Required(DisplayName, "displayName", 200)
        .Email(Email, "email")
        .When(GradeLevel is null, "gradeLevel", "'gradeLevel' is required (0 for kindergarten, 1-12).")
        .When(GradeLevel is < 0 or > 12, "gradeLevel", "'gradeLevel' must be between 0 (kindergarten) and 12.")
        .ThrowIfAny();
}

public sealed record AssignMentorRequest(Guid? MentorId);

/// <summary>Interests in the student's own words; strengths and constraints are optional (null leaves them as they are).</summary>
public sealed record SetInterestsRequest(string[]? Interests, string? Strengths = null, string? Constraints = null)
{
    public void Validate() => new FieldErrors()
        .Interests(Interests, "interests")
        .Optional(Strengths, "strengths", Student.MaxProfileTextLength)
        .Optional(Constraints, "constraints", Student.MaxProfileTextLength)
        .ThrowIfAny();
}

public sealed record MentorSummary(Guid Id, string Name);

public sealed record StudentResponse(Guid Id, string DisplayName, string Email, int GradeLevel, IReadOnlyList<string> Interests,
    string? Strengths, string? Constraints, MentorSummary? Mentor)
{
    public Guid? MentorId => Mentor?.Id;

    public static StudentResponse From(Student s) => new(s.Id, s.DisplayName, s.Email, s.GradeLevel, s.Interests,
        s.Strengths, s.Constraints, s.CurrentMentor is null ? null : new MentorSummary(s.CurrentMentor.Id, s.CurrentMentor.Name));
}

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
