using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Data.Configurations;

public sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
    }
}

public sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Email).HasMaxLength(254);
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => s.SchoolId);
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId);
    }
}

public sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> b)
    {
        b.Property(s => s.DisplayName).HasMaxLength(200);
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.Strengths).HasMaxLength(Student.MaxProfileTextLength);
        b.Property(s => s.Constraints).HasMaxLength(Student.MaxProfileTextLength);
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => new { s.SchoolId, s.CurrentMentorId });
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId);
        b.HasOne(s => s.CurrentMentor).WithMany().HasForeignKey(s => s.CurrentMentorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Assignments).WithOne().HasForeignKey(a => a.StudentId);
    }
}

public sealed class MentorAssignmentConfiguration : IEntityTypeConfiguration<MentorAssignment>
{
    public void Configure(EntityTypeBuilder<MentorAssignment> b)
    {
        b.HasIndex(a => new { a.StudentId, a.StartedAt });
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.MentorId).OnDelete(DeleteBehavior.Restrict);
    }
}
