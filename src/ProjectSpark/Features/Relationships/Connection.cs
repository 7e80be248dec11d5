namespace ProjectSpark.Features.Relationships;

public enum ConnectionSource { StaffMarked, StudentNamed }

/// <summary>
/// A positive adult connection on the relationship map: a staff member who marked that the student would come to
/// them with a problem, or an adult the student named as someone they trust. Unique per (student, staff, source).
/// </summary>
public sealed class Connection
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SchoolId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid StaffId { get; private set; }
    public ConnectionSource Source { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private Connection() { }

    public Connection(Guid schoolId, Guid studentId, Guid staffId, ConnectionSource source, DateTimeOffset now)
    {
        SchoolId = schoolId;
        StudentId = studentId;
        StaffId = staffId;
        Source = source;
        CreatedAt = now;
    }
}
