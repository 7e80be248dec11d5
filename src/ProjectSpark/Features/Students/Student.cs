using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Students;

/// <summary>A student, their interests in their own words, and the one adult currently taking them on.</summary>
public sealed class Student
{
    public const int MaxInterests = 20;
    public const int MaxInterestLength = 60;
    public const int MaxProfileTextLength = 500;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public int GradeLevel { get; private set; }
    public List<string> Interests { get; private set; } = [];
    public string? Strengths { get; private set; }
    public string? Constraints { get; private set; }
    public Guid? CurrentMentorId { get; private set; }
    public StaffMember? CurrentMentor { get; private set; }
    public List<MentorAssignment> Assignments { get; private set; } = [];
    /// <summary>The roster system's id (OneRoster sourcedId); re-imports match on it.</summary>
    public string? SourcedId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    private Student() { }

    public void SetRosterIdentity(string? sourcedId, string displayName, string email, int gradeLevel)
    {
        SourcedId = sourcedId;
        DisplayName = displayName.Trim();
        Email = Emails.Normalize(email);
        GradeLevel = gradeLevel;
    }

    public Student(Guid schoolId, string displayName, string email, int gradeLevel)
    {
        SchoolId = schoolId;
        DisplayName = displayName.Trim();
        Email = Emails.Normalize(email);
        GradeLevel = gradeLevel;
    }

    /// <summary>Replaces the interest list. Duplicates (ignoring case) collapse; order is the student's.</summary>
    public void SetInterests(IEnumerable<string> interests, string? strengths, string? constraints)
    {
        Interests = interests.Select(i => i.Trim()).Where(i => i.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (strengths is not null) Strengths = strengths.Trim().Length == 0 ? null : strengths.Trim();
        if (constraints is not null) Constraints = constraints.Trim().Length == 0 ? null : constraints.Trim();
    }

    /// <summary>Adds interests heard in a conversation to the student's own list; never more than the maximum.</summary>
    public IReadOnlyList<string> AddInterests(IEnumerable<string> heard)
    {
        var added = heard.Select(i => i.Trim()).Where(i => i.Length > 0)
            .Where(i => !Interests.Contains(i, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (Interests.Count + added.Count > MaxInterests)
            throw new DomainException($"The student already has {Interests.Count} interests; at most {MaxInterests} are kept. Remove some first.");
        Interests = [.. Interests, .. added];
        return added;
    }

    /// <summary>Moves the student to a new mentor (or to none), closing the open assignment so history is kept.</summary>
    public void AssignMentor(StaffMember? mentor, Guid assignedBy, DateTimeOffset now)
    {
        if (mentor is not null)
        {
            if (mentor.SchoolId != SchoolId) throw new NotFoundException("Mentor");
            if (!mentor.Has(StaffRoles.Mentor)) throw new DomainException($"{mentor.Name} does not hold the mentor role.");
            if (mentor.Id == CurrentMentorId) return;
        }
        else if (CurrentMentorId is null) return;

        foreach (var open in Assignments.Where(a => a.EndedAt is null)) open.End(now);
        CurrentMentorId = mentor?.Id;
        CurrentMentor = mentor;
        if (mentor is not null) Assignments.Add(new MentorAssignment(Id, mentor.Id, assignedBy, now));
    }
}

public sealed class MentorAssignment
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid StudentId { get; private set; }
    public Guid MentorId { get; private set; }
    public Guid AssignedById { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    private MentorAssignment() { }

    public MentorAssignment(Guid studentId, Guid mentorId, Guid assignedById, DateTimeOffset now)
    {
        StudentId = studentId;
        MentorId = mentorId;
        AssignedById = assignedById;
        StartedAt = now;
    }

    public void End(DateTimeOffset now) => EndedAt ??= now;
}
