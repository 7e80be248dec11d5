namespace ProjectSpark.Features.Signals;

public enum AttendanceStatus { Present, Absent, Tardy, Excused }

/// <summary>One school day for one student. Unique per (student, date): a later record for the day replaces the earlier.</summary>
public sealed class AttendanceRecord
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid StudentId { get; private set; }
    public DateOnly Date { get; private set; }
    public AttendanceStatus Status { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    private AttendanceRecord() { }

    public AttendanceRecord(Guid schoolId, Guid studentId, DateOnly date, AttendanceStatus status, DateTimeOffset now)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        Date = date;
        Status = status;
        RecordedAt = now;
    }

    public void Replace(AttendanceStatus status, DateTimeOffset now)
    {
        Status = status;
        RecordedAt = now;
    }

    /// <summary>Excused absences and suspensions count as absences; a tardy does not.</summary>
    public static bool IsAbsence(AttendanceStatus s) => s is AttendanceStatus.Absent or AttendanceStatus.Excused;
}

/// <summary>A course grade for one term, unique per (student, course, term). Terms sort as written ("2026-T1" &lt; "2026-T2").</summary>
public sealed class CourseGrade
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid StudentId { get; private set; }
    public string Course { get; private set; } = "";
    public string Term { get; private set; } = "";
    public decimal Percent { get; private set; }
    public bool IsCore { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    private CourseGrade() { }

    public CourseGrade(Guid schoolId, Guid studentId, string course, string term, decimal percent, bool isCore, DateTimeOffset now)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        Course = course.Trim();
        Term = term.Trim();
        Replace(percent, isCore, now);
    }

    public void Replace(decimal percent, bool isCore, DateTimeOffset now)
    {
        Percent = percent;
        IsCore = isCore;
        RecordedAt = now;
    }
}

/// <summary>A flag that is true now. Unique per (student, type); it is removed when the condition no longer holds.</summary>
public sealed class StudentFlag
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid StudentId { get; private set; }
    public string Type { get; private set; } = "";
    public DateOnly Since { get; private set; }
    public string Detail { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }

    private StudentFlag() { }

    public StudentFlag(Guid schoolId, Guid studentId, string type, DateOnly since, string detail, DateTimeOffset now)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        Type = type;
        Since = since;
        Detail = detail;
        RaisedAt = now;
    }

    public void Update(DateOnly since, string detail)
    {
        Since = since;
        Detail = detail;
    }
}

/// <summary>
/// A reminder for an adult to talk with a student after a flag was raised: about 4 weeks and 2 months later.
/// It never sends anything to a student or family. Unassigned (no mentor) follow-ups land on the admins' list.
/// </summary>
public sealed class FollowUp
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public string FlagType { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    private FollowUp() { }

    public FollowUp(Guid schoolId, Guid studentId, Guid? assigneeId, string flagType, string reason, DateOnly dueOn, DateTimeOffset now)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        AssigneeId = assigneeId;
        FlagType = flagType;
        Reason = reason;
        DueOn = dueOn;
        CreatedAt = now;
    }

    public void Complete(DateTimeOffset now) => CompletedAt ??= now;
}
