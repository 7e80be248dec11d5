namespace ProjectSpark.Features.Classes;

/// <summary>A class (section) at a school, with its teachers and enrolled students. SourcedId is the roster system's id.</summary>
public sealed class SchoolClass
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public string? SourcedId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Subject { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;
    public List<ClassMember> Members { get; private set; } = [];

    private SchoolClass() { }

    public SchoolClass(Guid schoolId, string title, string? subject, string? sourcedId = null)
    {
        SchoolId = schoolId;
        SourcedId = sourcedId;
        Update(title, subject);
    }

    public void Update(string title, string? subject)
    {
        Title = title.Trim();
        Subject = string.IsNullOrWhiteSpace(subject) ? null : subject.Trim();
    }

    public bool IsTaughtBy(Guid staffId) => Members.Any(m => m.StaffId == staffId && m.Role == ClassRole.Teacher);
}

public enum ClassRole { Student, Teacher }

/// <summary>A student enrolled in a class, or a teacher teaching it. Unique per (class, person).</summary>
public sealed class ClassMember
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ClassId { get; private set; }
    public ClassRole Role { get; private set; }
    public Guid? StudentId { get; private set; }
    public Guid? StaffId { get; private set; }
    public string? SourcedId { get; private set; }

    private ClassMember() { }

    public static ClassMember ForStudent(Guid classId, Guid studentId, string? sourcedId = null) =>
        new() { ClassId = classId, Role = ClassRole.Student, StudentId = studentId, SourcedId = sourcedId };

    public static ClassMember ForTeacher(Guid classId, Guid staffId, string? sourcedId = null) =>
        new() { ClassId = classId, Role = ClassRole.Teacher, StaffId = staffId, SourcedId = sourcedId };
}
