using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.CheckIns;

public enum CheckInKind { TwoByTen, Conversation, Project, Other }

/// <summary>A mentor's informal check-in with a student ("2x10": two minutes a day for ten days). Notes are staff-only.</summary>
public sealed class CheckIn
{
    public const int MaxNoteLength = 2000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid MentorId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public CheckInKind Kind { get; private set; }
    public string? Note { get; private set; }
    public List<string> InterestsHeard { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private CheckIn() { }

    public CheckIn(Guid schoolId, Guid studentId, Guid mentorId, DateTimeOffset at, CheckInKind kind, string? note,
        IEnumerable<string> interestsHeard, DateTimeOffset now)
    {
        if (at > now.AddMinutes(5)) throw new RequestValidationException("at", "'at' cannot be in the future: log a check-in after it happened.");
        SchoolId = schoolId;
        StudentId = studentId;
        MentorId = mentorId;
        At = at;
        Kind = kind;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        InterestsHeard = interestsHeard.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        CreatedAt = now;
    }
}
