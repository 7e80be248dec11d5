using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectSpark.Features.Signals;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Data.Configurations;

public sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.ToTable("Attendance");
        // The signal SQL compares these names: keep statuses as their enum names.
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(a => new { a.StudentId, a.Date }).IsUnique();
        b.HasIndex(a => new { a.SchoolId, a.StudentId, a.Date });
        b.HasOne<Student>().WithMany().HasForeignKey(a => a.StudentId);
    }
}

public sealed class CourseGradeConfiguration : IEntityTypeConfiguration<CourseGrade>
{
    public void Configure(EntityTypeBuilder<CourseGrade> b)
    {
        b.Property(g => g.Course).HasMaxLength(100);
        b.Property(g => g.Term).HasMaxLength(40);
        b.Property(g => g.Percent).HasPrecision(5, 2);
        b.HasIndex(g => new { g.StudentId, g.Course, g.Term }).IsUnique();
        b.HasIndex(g => g.SchoolId);
        b.HasOne<Student>().WithMany().HasForeignKey(g => g.StudentId);
    }
}

public sealed class StudentFlagConfiguration : IEntityTypeConfiguration<StudentFlag>
{
    public void Configure(EntityTypeBuilder<StudentFlag> b)
    {
        b.ToTable("Flags");
        b.Property(f => f.Type).HasMaxLength(30);
        b.Property(f => f.Detail).HasMaxLength(300);
        b.HasIndex(f => new { f.StudentId, f.Type }).IsUnique();
        b.HasIndex(f => f.SchoolId);
        b.HasOne<Student>().WithMany().HasForeignKey(f => f.StudentId);
    }
}

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.Property(f => f.FlagType).HasMaxLength(30);
        b.Property(f => f.Reason).HasMaxLength(300);
        b.HasIndex(f => new { f.SchoolId, f.AssigneeId, f.CompletedAt });
        b.HasOne<Student>().WithMany().HasForeignKey(f => f.StudentId);
    }
}
