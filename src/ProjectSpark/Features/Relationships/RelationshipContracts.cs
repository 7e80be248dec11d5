using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Relationships;

public sealed record MarkRequest(Guid? StudentId)
{
    public Guid Validated() => StudentId ?? throw new RequestValidationException("studentId", "'studentId' is required.");
}

public sealed record TrustedAdultRequest(Guid? StaffId)
{
    public Guid Validated() => StaffId ?? throw new RequestValidationException("staffId", "'staffId' is required.");
}

public sealed record ConnectionView(Guid StaffId, string Name, string Source);

public sealed record MapItem(Guid StudentId, string DisplayName, int GradeLevel, Guid? MentorId, string? MentorName,
    IReadOnlyList<ConnectionView> Connections, bool Connected, IReadOnlyList<Signals.FlagView> Flags);

public sealed record MentorSuggestion(Guid StaffId, string Name, int CurrentStudents, int Capacity, bool MarkedStudent,
    bool NamedByStudent, IReadOnlyList<string> SharedInterests, double Score);

public sealed record AdultView(Guid StaffId, string Name, bool Trusted);

public sealed record StaffInterestsRequest(string[]? Interests)
{
    public void Validate() => new FieldErrors().Interests(Interests, "interests").ThrowIfAny();
}

public static class ConnectionNames
{
    public static string Of(ConnectionSource s) => s == ConnectionSource.StaffMarked ? "staffMarked" : "studentNamed";
}
