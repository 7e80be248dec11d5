using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.UnitTests.Features;

public class StudentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReassigningAMentorClosesTheOpenAssignmentAndKeepsHistory()
    {
        var school = Guid.NewGuid();
        var student = new Student(school, "Maya", "maya@school.test", 9);
        var first = new StaffMember(school, "First", "first@school.test", StaffRoles.Mentor);
        var second = new StaffMember(school, "Second", "second@school.test", StaffRoles.Mentor);
        student.AssignMentor(first, Guid.NewGuid(), Now);
        student.AssignMentor(second, Guid.NewGuid(), Now.AddDays(3));
        Assert.Equal(second.Id, student.CurrentMentorId);
        Assert.Equal(2, student.Assignments.Count);
        Assert.Equal(Now.AddDays(3), student.Assignments[0].EndedAt);
        Assert.Null(student.Assignments[1].EndedAt);
    }

    [Fact]
    public void AStaffMemberWithoutTheMentorRoleCannotBeAssigned()
    {
        var school = Guid.NewGuid();
        var student = new Student(school, "Maya", "maya@school.test", 9);
        var teacher = new StaffMember(school, "T", "t@school.test", StaffRoles.Teacher);
        Assert.Throws<DomainException>(() => student.AssignMentor(teacher, Guid.NewGuid(), Now));
        Assert.Null(student.CurrentMentorId);
    }

    [Fact]
    public void InterestsAreTrimmedAndDuplicatesCollapseIgnoringCase()
    {
        var student = new Student(Guid.NewGuid(), "Maya", "Maya@School.test ", 9);
        student.SetInterests([" Guitar ", "guitar", "drawing"], null, null);
        Assert.Equal(["Guitar", "drawing"], student.Interests);
        Assert.Equal("maya@school.test", student.Email);
    }
}
